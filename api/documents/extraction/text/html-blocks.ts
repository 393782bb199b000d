import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import type { DocumentBlock } from '../structure/document-block.ts';

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'iframe', 'object', 'canvas', 'button', 'select', 'input', 'textarea', 'math']);
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'html', 'legend', 'main', 'nav', 'p', 'section', 'summary',
]);
const HEADING = /^h([1-6])$/;
/** A table body past this many rows is cut: it is data, not reading matter. */
const MAX_TABLE_ROWS = 2000;

interface WalkState {
  blocks: DocumentBlock[];
  inline: string;
  listDepth: number;
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const tagOf = (node: HTMLElement) => (node.rawTagName ?? '').toLowerCase();

function flushInline(state: WalkState): void {
  const text = squash(state.inline);
  if (text) state.blocks.push({ type: 'paragraph', text, page: null });
  state.inline = '';
}

/** The visible text of an element, skipping scripts and styles, spaces collapsed. */
function visibleText(node: Node): string {
  if (node instanceof TextNode) return node.text;
  if (!(node instanceof HTMLElement) || SKIPPED.has(tagOf(node))) return '';
  const separator = BLOCKS.has(tagOf(node)) || tagOf(node) === 'br' || tagOf(node) === 'li' ? ' ' : '';
  return separator + node.childNodes.map(visibleText).join('') + separator;
}

/** Table rows with cells repeated across their column span, as Docling writes merged cells. */
function tableRows(table: HTMLElement): string[][] {
  const rows = table.querySelectorAll('tr').filter((row) => row.closest('table') === table).slice(0, MAX_TABLE_ROWS);
  return rows.map((row) =>
    row.childNodes
      .filter((cell): cell is HTMLElement => cell instanceof HTMLElement && (tagOf(cell) === 'td' || tagOf(cell) === 'th'))
      .flatMap((cell) => {
        const span = Math.min(50, Math.max(1, Number(cell.getAttribute('colspan') ?? 1) || 1));
        return Array.from({ length: span }, () => squash(visibleText(cell)));
      }),
  );
}

function walkList(list: HTMLElement, state: WalkState): void {
  const ordered = tagOf(list) === 'ol';
  for (const child of list.childNodes) {
    if (!(child instanceof HTMLElement)) continue;
    if (tagOf(child) !== 'li') {
      walk(child, state);
      continue;
    }
    const nested = child.childNodes.filter((node) => node instanceof HTMLElement && ['ul', 'ol'].includes(tagOf(node)));
    const own = squash(child.childNodes.filter((node) => !nested.includes(node)).map(visibleText).join(''));
    if (own) state.blocks.push({ type: 'listItem', text: own, depth: state.listDepth, ordered, page: null });
    state.listDepth += 1;
    for (const sublist of nested) walkList(sublist as HTMLElement, state);
    state.listDepth -= 1;
  }
}

function walkElement(node: HTMLElement, state: WalkState): void {
  const tag = tagOf(node);
  if (SKIPPED.has(tag)) return;
  const heading = HEADING.exec(tag);
  if (heading || tag === 'table' || tag === 'ul' || tag === 'ol' || tag === 'pre' || BLOCKS.has(tag)) flushInline(state);
  if (heading) {
    const text = squash(visibleText(node));
    if (text) state.blocks.push({ type: 'heading', level: Number(heading[1]), text, page: null });
  } else if (tag === 'table') {
    const rows = tableRows(node).filter((row) => row.some((cell) => cell !== ''));
    if (rows.length > 0) state.blocks.push({ type: 'table', rows, page: null });
  } else if (tag === 'ul' || tag === 'ol') {
    walkList(node, state);
  } else if (tag === 'pre') {
    state.blocks.push({ type: 'code', text: node.text.replace(/\n+$/, ''), page: null });
  } else if (tag === 'br') {
    state.inline += ' ';
  } else {
    for (const child of node.childNodes) walk(child, state);
    if (BLOCKS.has(tag)) flushInline(state);
  }
}

function walk(node: Node, state: WalkState): void {
  if (node instanceof TextNode) state.inline += node.text;
  else if (node instanceof HTMLElement) walkElement(node, state);
}

/** HTML as blocks: headings h1-h6, paragraphs, nested lists, tables (spans repeated), code; scripts and styles dropped. */
export function htmlBlocks(html: string): { blocks: DocumentBlock[]; title: string | null; language: string | null } {
  const withoutPreamble = html.replace(/<!doctype[^>]*>|<\?xml[^>]*\?>/gi, '');
  const root = parse(withoutPreamble, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const state: WalkState = { blocks: [], inline: '', listDepth: 0 };
  walk(root, state);
  flushInline(state);
  const title = squash(root.querySelector('title')?.text ?? '') || null;
  const language = root.querySelector('html')?.getAttribute('lang') ?? null;
  return { blocks: state.blocks, title, language };
}
