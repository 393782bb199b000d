import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import type { Logger } from '../logging/create-logger.ts';
import { createBuiltinEmbedder, BUILTIN_DIMENSIONS } from './embeddings/builtin-embedder.ts';
import type { EmbeddingsProvider } from './embeddings/embeddings-provider.ts';
import { createOllamaEmbedder, createOpenAiEmbedder } from './embeddings/remote-embedders.ts';
import { createTimeoutFetch } from './http/create-timeout-fetch.ts';
import { createChatProviders, ProviderName } from './llm/chat-providers.ts';
import type { RagServices } from './rag-services.ts';
import { ensureVectorIndex, vectorIndexUpgradePending, type EnsuredIndexes } from './retrieval/ensure-vector-index.ts';
import { supportsIterativeScans } from './retrieval/search-vectors.ts';
import { TermStatistics } from './retrieval/term-statistics.ts';
import type { VectorSpace } from './retrieval/vector-space.ts';

export type { RagServices } from './rag-services.ts';

/** Attempts per embedding provider after the first when indexing (EMBEDDINGS_TIMEOUT_MS bounds each). */
const INDEXING_EMBED_RETRIES = 1;
/** A question's embedding must not hold up the answer: one short attempt, then the next provider. */
const QUERY_EMBED_TIMEOUT_MS = 5_000;

export interface RagServicesOptions {
  config: HubConfig;
  db: HubDatabase;
  logger: Logger;
  /** Replaces global fetch in every LLM and embedding client (tests point it at protocol fakes). */
  fetch?: typeof fetch;
}

/**
 * The one place that builds LLM and embedding providers from configuration. Call once per process
 * (the hub core does); makes sure the built-in embedder's vector index exists.
 */
export async function createRagServices(options: RagServicesOptions): Promise<RagServices> {
  const { config, db, logger } = options;
  const embedders = createEmbedders(config, options.fetch);
  const chatProviders = createChatProviders(config, options.fetch);
  const connectivity = { offline: false };
  const reachableProviders = () => (connectivity.offline ? chatProviders.filter((p) => p.name !== ProviderName.groq) : chatProviders);
  const ensuredIndexes: EnsuredIndexes = new Map();
  await ensureBuiltinIndex(db, { model: embedders.at(-1)!.model, dimensions: BUILTIN_DIMENSIONS }, ensuredIndexes, logger);
  return {
    config,
    db,
    logger,
    embedders,
    indexingBudget: { timeoutMs: config.EMBEDDINGS_TIMEOUT_MS, retries: INDEXING_EMBED_RETRIES },
    queryBudget: { timeoutMs: Math.min(config.EMBEDDINGS_TIMEOUT_MS, QUERY_EMBED_TIMEOUT_MS), retries: 0 },
    get chatProviders() {
      return reachableProviders();
    },
    connectivity,
    termStatistics: new TermStatistics(),
    iterativeScans: await supportsIterativeScans(db),
    ensuredIndexes,
    describeAnswering: () =>
      [...reachableProviders().map((p) => `${p.name} (${p.model})`), 'extractive quotes (no LLM needed)'].join(' -> '),
    describeEmbeddings: () => embedders.map((e) => e.model).join(' -> '),
  };
}

/** Embedding providers in preference order; the built-in one always closes the chain. */
function createEmbedders(config: HubConfig, fetchImpl?: typeof fetch): EmbeddingsProvider[] {
  const timeoutFetch = createTimeoutFetch({ headerTimeoutMs: config.EMBEDDINGS_TIMEOUT_MS, fetch: fetchImpl });
  const ollama = config.OLLAMA_URL
    ? createOllamaEmbedder({ model: config.OLLAMA_EMBED_MODEL, baseUrl: config.OLLAMA_URL, fetch: timeoutFetch })
    : null;
  const openai = config.OPENAI_EMBEDDINGS_URL
    ? createOpenAiEmbedder({
        model: config.OPENAI_EMBEDDINGS_MODEL,
        baseUrl: config.OPENAI_EMBEDDINGS_URL,
        apiKey: config.OPENAI_EMBEDDINGS_API_KEY,
        fetch: timeoutFetch,
      })
    : null;
  const remote = (() => {
    switch (config.EMBEDDINGS_PROVIDER) {
      case 'builtin':
        return [];
      case 'ollama':
        return [ollama];
      case 'openai':
        return [openai];
      default:
        return config.DEPLOYMENT_MODE === 'cloud' ? [openai, ollama] : [ollama, openai];
    }
  })();
  return [...remote.filter((e): e is EmbeddingsProvider => e !== null), createBuiltinEmbedder()];
}

/**
 * A new install builds its (empty) index at once. After an upgrade that changed the index definition
 * the build covers every chunk and takes minutes: it runs in the background, so the hub answers
 * meanwhile (searches use the old index until the new one is committed; indexing waits for it).
 */
async function ensureBuiltinIndex(db: HubDatabase, space: VectorSpace, ensured: EnsuredIndexes, logger: Logger): Promise<void> {
  if (!(await vectorIndexUpgradePending(db, space))) return ensureVectorIndex(db, space, ensured);
  const started = performance.now();
  logger.info({ model: space.model }, 'building the new vector index in the background (searches use the old one meanwhile)');
  ensureVectorIndex(db, space, ensured).then(
    () => logger.info({ model: space.model, seconds: Math.round((performance.now() - started) / 1000) }, 'vector index rebuilt'),
    (error: unknown) => logger.error({ err: error, model: space.model }, 'vector index rebuild failed; the next indexing job tries again'),
  );
}
