import type { HubConfig } from '../config/load-config.ts';
import type { HubDatabase } from '../db/database.ts';
import type { Logger } from '../logging/create-logger.ts';
import type { EmbeddingBudget } from './embeddings/embed-with-fallback.ts';
import type { EmbeddingsProvider } from './embeddings/embeddings-provider.ts';
import type { ChatProvider } from './llm/chat-providers.ts';
import type { EnsuredIndexes } from './retrieval/ensure-vector-index.ts';
import type { TermStatistics } from './retrieval/term-statistics.ts';

/**
 * Everything the RAG use cases need, built once per process by createRagServices and passed to
 * indexDocument, answerQuestion, streamAnswer and reembedAll.
 */
export interface RagServices {
  readonly config: HubConfig;
  readonly db: HubDatabase;
  readonly logger: Logger;
  /** Preferred first; the built-in embedder is always last, so indexing never fails for lack of one. */
  readonly embedders: readonly EmbeddingsProvider[];
  /** Per attempt when indexing (documents can be long). */
  readonly indexingBudget: EmbeddingBudget;
  /** Per attempt when embedding a question: a person is waiting, so much shorter. */
  readonly queryBudget: EmbeddingBudget;
  /** LLMs in fallback order (may be empty: extractive answers only); without Groq while offline. */
  readonly chatProviders: readonly ChatProvider[];
  /**
   * Set by sync: `offline` while the sync server cannot be reached, i.e. the internet is probably gone.
   * Groq is then left out (it cannot answer, and waiting for its timeout would only delay the answer).
   */
  readonly connectivity: { offline: boolean };
  readonly termStatistics: TermStatistics;
  /** pgvector >= 0.8: filtered vector search walks on until k rows pass (else it over-fetches). */
  readonly iterativeScans: boolean;
  /** HNSW index builds of this process (see ensureVectorIndex). */
  readonly ensuredIndexes: EnsuredIndexes;
  describeAnswering(): string;
  describeEmbeddings(): string;
}
