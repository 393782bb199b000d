import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const SHIPPED_PARTS = ['api', 'bot', 'admin', 'workers', 'cli'];
const ROOT_CONFIGS = ['eslint.config.js', 'vitest.config.ts', 'drizzle.config.ts'];

/** Dependencies no source file names, each with the reason it still ships. Keep this list short. */
const NOT_IMPORTED: Record<string, string> = {
  '@tesseract.js-data/eng': 'OCR data for the default OCR_LANGS=eng, resolved by language code (ocr-languages.ts)',
  'openapi-types': 'a peer dependency of fastify-type-provider-zod',
};

/** Every module specifier (import, export from, dynamic import, require, pino transport target) in these folders and files. */
function referencedSpecifiers(places: string[]): Set<string> {
  const specifiers = new Set<string>();
  const files = places.flatMap((place) =>
    /\.[a-z]+$/.test(place)
      ? [path.join(repoRoot, place)]
      : readdirSync(path.join(repoRoot, place), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name))
          .map((entry) => path.join(entry.parentPath, entry.name)),
  );
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/(?:from|import|require|resolve|target:)\s*\(?\s*['"]([^'"]+)['"]/g)) specifiers.add(match[1]!);
  }
  return specifiers;
}

const usedBy = (specifiers: Set<string>, name: string) => [...specifiers].some((specifier) => specifier === name || specifier.startsWith(`${name}/`));

describe('dependencies in package.json', () => {
  it('are each used by the shipped code: nothing unused ships', () => {
    const specifiers = referencedSpecifiers(SHIPPED_PARTS);
    const unused = Object.keys(pkg.dependencies).filter((name) => !usedBy(specifiers, name) && !(name in NOT_IMPORTED));
    expect(unused).toEqual([]);
  });

  it('are each used somewhere when only needed for development', () => {
    // The members' page (web/) is built from source at install: its build tools and UI library are dev dependencies.
    const specifiers = referencedSpecifiers([...SHIPPED_PARTS, 'test', 'scripts', 'bench', 'web/src', 'web/build', 'web/sw', ...ROOT_CONFIGS]);
    const tools = new Set(['typescript', 'eslint', 'drizzle-kit', 'vitest']); // run as commands
    const unused = Object.keys(pkg.devDependencies).filter((name) => !tools.has(name) && !name.startsWith('@types/') && !usedBy(specifiers, name));
    expect(unused).toEqual([]);
  });
});
