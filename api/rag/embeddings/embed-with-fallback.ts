import type { Logger } from 'pino';
import { unavailable } from '../../errors/app-error.ts';
import type { EmbeddingPurpose, EmbeddingResult, EmbeddingsProvider } from './embeddings-provider.ts';

export interface EmbeddingBudget {
  /** Per attempt; the provider's fetch has its own header timeout, this also bounds slow bodies. */
  timeoutMs: number;
  /** Extra attempts on the same provider before moving on. */
  retries: number;
}

const RETRY_BACKOFF_MS = 250;

/**
 * Use to embed with a provider chain (LangChain has no fallbacks for embeddings): each provider gets
 * `1 + retries` attempts of at most `timeoutMs`, then the next one is tried. The result names the model
 * that produced the vectors, so chunks record it and queries search the matching space.
 */
export async function embedWithFallback(
  providers: readonly EmbeddingsProvider[],
  texts: string[],
  purpose: EmbeddingPurpose,
  budget: EmbeddingBudget,
  logger?: Logger,
): Promise<EmbeddingResult> {
  const failures: string[] = [];
  for (const provider of providers) {
    for (let attempt = 0; attempt <= budget.retries; attempt++) {
      try {
        const vectors = await withTimeout(provider.embed(texts, purpose), budget.timeoutMs, provider.model);
        checkVectors(vectors, texts.length, provider.model);
        return { model: provider.model, vectors };
      } catch (error) {
        const reason = (error as Error).message ?? String(error);
        failures.push(`${provider.model} (attempt ${attempt + 1}): ${reason}`);
        logger?.warn({ model: provider.model, attempt: attempt + 1, err: error }, 'embedding attempt failed');
        if (attempt < budget.retries) await sleep(RETRY_BACKOFF_MS * 2 ** attempt);
      }
    }
  }
  throw unavailable(`No embedding provider answered: ${failures.join('; ')}. Check OLLAMA_URL / OPENAI_EMBEDDINGS_URL.`, {
    details: { failures },
  });
}

/** The same chain with a single provider, for when the space is fixed (re-embedding, one model's search). */
export async function embedWithProvider(provider: EmbeddingsProvider, texts: string[], purpose: EmbeddingPurpose, budget: EmbeddingBudget): Promise<number[][]> {
  return (await embedWithFallback([provider], texts, purpose, budget)).vectors;
}

function checkVectors(vectors: number[][], expected: number, model: string): void {
  const dims = vectors[0]?.length ?? 0;
  if (vectors.length !== expected || dims === 0 || vectors.some((v) => v.length !== dims || v.some((x) => !Number.isFinite(x)))) {
    throw new Error(`${model} returned ${vectors.length} vectors for ${expected} texts or vectors of mixed or empty size`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number, model: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${model} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
