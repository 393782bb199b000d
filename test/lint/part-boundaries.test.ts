import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: repoRoot });

/** The boundary errors ESLint reports for `source` as if it were the file at `file`. */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(repoRoot, file) });
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

const importing = (specifier: string) => `import { x } from '${specifier}';\nexport const y = x;\n`;

describe('part boundaries (eslint.config.js)', () => {
  const refused: Array<[string, string]> = [
    ['api/rag/retrieval/deep-file.ts', '../../../../bot/telegram/to-message.ts'],
    ['api/rag/retrieval/deep-file.ts', '../../../bot/telegram/to-message.ts'],
    ['api/app-file.ts', '#admin/register-admin-panel.ts'],
    ['api/documents/file.ts', '../../workers/start-workers.ts'],
    ['api/documents/file.ts', './../../cli/hub.ts'],
    ['bot/telegram/file.ts', '#api/db/schema/index.ts'],
    ['bot/telegram/file.ts', '../../api/db/database.ts'],
    ['bot/telegram/file.ts', 'drizzle-orm'],
    ['bot/shared/file.ts', '#workers/start-workers.ts'],
    ['admin/resources/file.ts', '../../bot/start-chat-adapters.ts'],
    ['admin/resources/file.ts', '#workers/start-workers.ts'],
    ['workers/handlers/file.ts', '../../admin/register-admin-panel.ts'],
    ['workers/handlers/file.ts', '#bot/deliver-community-updates.ts'],
    ['workers/file.ts', '#cli/hub.ts'],
    ['scripts/eval/file.ts', '../../bot/start-chat-adapters.ts'],
    ['cli/commands/file.ts', '#test/support/test-core.ts'],
    ['api/rag/file.ts', '../../test/support/test-core.ts'],
  ];
  it.each(refused)('refuses %s importing %s', async (file, specifier) => {
    expect(await boundaryErrors(file, importing(specifier))).toHaveLength(1);
  });

  const allowed: Array<[string, string]> = [
    ['api/rag/retrieval/deep-file.ts', '../../documents/document-repository.ts'],
    ['bot/telegram/file.ts', '#api/chat/chat-message.ts'],
    ['bot/telegram/file.ts', '../../api/errors/app-error.ts'],
    ['admin/resources/file.ts', '#api/documents/moderate-document.ts'],
    ['workers/handlers/file.ts', '#api/documents/process-document.ts'],
    ['cli/commands/file.ts', '#bot/start-chat-adapters.ts'],
    ['cli/commands/file.ts', '#admin/register-admin-panel.ts'],
    ['cli/commands/file.ts', '#workers/start-workers.ts'],
    ['api/rag/file.test.ts', '../../test/support/test-core.ts'],
    ['admin/file.test.ts', '#test/support/test-core.ts'],
  ];
  it.each(allowed)('lets %s import %s', async (file, specifier) => {
    expect(await boundaryErrors(file, importing(specifier))).toEqual([]);
  });
});
