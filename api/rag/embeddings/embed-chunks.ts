import type { RagServices } from '../rag-services.ts';
import { embedWithFallback } from './embed-with-fallback.ts';

/** Texts per embedding request: big enough to amortise HTTP, small enough for a timeout to mean something. */
export const EMBED_BATCH_SIZE = 64;

export interface EmbeddedTexts {
  model: string;
  dimensions: number;
  vectors: number[][];
}

/**
 * Use to embed all chunks of one document: in batches, with fallback to the next provider, and never
 * mixing models inside one document (once a provider fails, the rest of the document stays with the
 * one that answered, and earlier batches are redone with it).
 */
export async function embedChunks(services: RagServices, texts: string[]): Promise<EmbeddedTexts> {
  if (texts.length === 0) return { model: services.embedders[0]!.model, dimensions: 0, vectors: [] };
  let providers = services.embedders;
  const vectors: number[][] = [];
  let model = '';
  for (let start = 0; start < texts.length; start += EMBED_BATCH_SIZE) {
    const batch = texts.slice(start, start + EMBED_BATCH_SIZE);
    const result = await embedWithFallback(providers, batch, 'document', services.indexingBudget, services.logger);
    if (model && result.model !== model) {
      // A provider failed mid-document: restart with the one that answered so the document is one space.
      providers = providers.filter((p) => p.model === result.model);
      return embedChunks({ ...services, embedders: providers }, texts);
    }
    model = result.model;
    vectors.push(...result.vectors);
  }
  return { model, dimensions: vectors[0]?.length ?? 0, vectors };
}
