import type { Embeddings } from '@langchain/core/embeddings';
import { OllamaEmbeddings } from '@langchain/ollama';
import { OpenAIEmbeddings } from '@langchain/openai';
import type { EmbeddingPurpose, EmbeddingsProvider } from './embeddings-provider.ts';

export interface RemoteEmbedderOptions {
  model: string;
  baseUrl: string;
  /** A fetch with timeouts (createTimeoutFetch); retries are done by embedWithFallback, not here. */
  fetch: typeof fetch;
}

/** nomic-embed-text was trained with task prefixes; without them its retrieval quality drops. */
const NOMIC_PREFIXES: Record<EmbeddingPurpose, string> = { document: 'search_document: ', query: 'search_query: ' };

/** Use when OLLAMA_URL is set: embeddings from the local Ollama server (`/api/embed`). */
export function createOllamaEmbedder(options: RemoteEmbedderOptions): EmbeddingsProvider {
  const client = new OllamaEmbeddings({ model: options.model, baseUrl: options.baseUrl, fetch: options.fetch, maxRetries: 0 });
  const prefixes = options.model.includes('nomic-embed') ? NOMIC_PREFIXES : null;
  return wrapLangChain(`ollama:${options.model}`, 'ollama', client, prefixes);
}

/** Use for a cloud instance: any OpenAI-compatible `/v1/embeddings` endpoint (Groq offers none). */
export function createOpenAiEmbedder(options: RemoteEmbedderOptions & { apiKey?: string }): EmbeddingsProvider {
  const client = new OpenAIEmbeddings({
    model: options.model,
    // Local OpenAI-compatible servers often need no key, but the client refuses to start without one.
    apiKey: options.apiKey ?? 'not-needed',
    maxRetries: 0,
    configuration: { baseURL: options.baseUrl, fetch: options.fetch },
  });
  return wrapLangChain(`openai:${options.model}`, 'openai', client, null);
}

function wrapLangChain(
  model: string,
  kind: EmbeddingsProvider['kind'],
  client: Embeddings,
  prefixes: Record<EmbeddingPurpose, string> | null,
): EmbeddingsProvider {
  return {
    model,
    kind,
    async embed(texts, purpose) {
      const prepared = prefixes ? texts.map((t) => prefixes[purpose] + t) : texts;
      if (purpose === 'query' && prepared.length === 1) return [await client.embedQuery(prepared[0]!)];
      return client.embedDocuments(prepared);
    },
  };
}
