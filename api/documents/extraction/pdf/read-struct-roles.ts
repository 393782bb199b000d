import type { PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface StructNode {
  role?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

/** The heading level a tag declares: H1..H6, H and Title; undefined for every other role. */
export function headingLevelOfRole(role: string | undefined): number | undefined {
  if (!role) return undefined;
  const numbered = /^H([1-6])$/.exec(role);
  if (numbered) return Number(numbered[1]);
  if (role === 'H' || role === 'Title') return 1;
  return undefined;
}

/** Marked-content ids of a tagged page mapped to the heading level (0 = body) of their element. */
export interface StructRoles {
  levelByContentId: Map<string, number>;
  hasHeadings: boolean;
}

function walk(node: StructNode, inherited: number, roles: StructRoles): void {
  const level = headingLevelOfRole(node.role) ?? inherited;
  if (level > 0) roles.hasHeadings = true;
  if (node.type === 'content' && node.id) roles.levelByContentId.set(node.id, level);
  for (const child of node.children ?? []) walk(child, level, roles);
}

/** Reads a tagged page's structure tree; untagged pages give an empty map. */
export async function readStructRoles(page: PDFPageProxy): Promise<StructRoles> {
  const roles: StructRoles = { levelByContentId: new Map(), hasHeadings: false };
  const tree = (await page.getStructTree().catch(() => null)) as StructNode | null;
  if (tree) walk(tree, 0, roles);
  return roles;
}
