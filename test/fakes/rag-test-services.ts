import { parseConfig } from '../../api/config/load-config.ts';
import type { HubDatabase } from '../../api/db/database.ts';
import { createLogger } from '../../api/logging/create-logger.ts';
import { createRagServices } from '../../api/rag/create-rag-services.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';

/** RAG services for tests: built-in embeddings, no LLM, unless `env` says otherwise (e.g. fake server URLs). */
export async function createTestRagServices(db: HubDatabase, env: Record<string, string> = {}, fetchImpl?: typeof fetch): Promise<RagServices> {
  const config = parseConfig({ LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: '/tmp/hub-rag-tests', ...env });
  return createRagServices({ config, db, logger: createLogger({ level: 'silent' }), fetch: fetchImpl });
}
