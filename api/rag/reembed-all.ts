import { sql } from 'drizzle-orm';
import { queryRows } from '../db/database.ts';
import { vectorText } from '../db/schema/column-types.ts';
import { embedWithProvider } from './embeddings/embed-with-fallback.ts';
import { embeddingInput } from './index-document.ts';
import type { RagServices } from './rag-services.ts';
import { ensureVectorIndex } from './retrieval/ensure-vector-index.ts';
import { displayTitle } from './retrieval/chunk-search-vector.ts';

const REEMBED_BATCH = 128;

export interface ReembedOptions {
  /** Re-embed every chunk, also those already on the current model (after a feature-version change). */
  all?: boolean;
  onProgress?: (done: number) => void;
}

export interface ReembedResult {
  model: string;
  reembedded: number;
}

/**
 * Use when the embedding model changed (`hub reembed`, the `reembed-chunks` job): re-embeds every chunk
 * whose model is not the preferred one, with that model only (never a fallback: mixing spaces is what
 * this fixes), batch by batch, each batch committed on its own so an interrupted run resumes.
 */
export async function reembedAll(services: RagServices, options: ReembedOptions = {}): Promise<ReembedResult> {
  const embedder = services.embedders[0]!;
  let reembedded = 0;
  let afterId = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await queryRows<{ id: string; text: string; section_path: string[]; title: string | null; filename: string }>(
      services.db,
      sql`SELECT c.id, c.text, c.section_path, d.title, d.filename
          FROM chunks c JOIN documents d ON d.id = c.document_id
          WHERE c.id > ${afterId} ${options.all ? sql`` : sql`AND c.embedding_model IS DISTINCT FROM ${embedder.model}`}
          ORDER BY c.id LIMIT ${REEMBED_BATCH}`,
    );
    if (rows.length === 0) break;
    const texts = rows.map((r) => embeddingInput(displayTitle(r.title, r.filename), { sectionPath: r.section_path, text: r.text }));
    const vectors = await embedWithProvider(embedder, texts, 'document', services.indexingBudget);
    const dimensions = vectors[0]!.length;
    await ensureVectorIndex(services.db, { model: embedder.model, dimensions }, services.ensuredIndexes);
    await services.db.transaction(async (tx) => {
      for (const [index, row] of rows.entries()) {
        await tx.execute(
          sql`UPDATE chunks SET embedding = ${vectorText(vectors[index]!)}::vector, embedding_model = ${embedder.model},
              embedding_dims = ${dimensions} WHERE id = ${row.id}`,
        );
      }
    });
    reembedded += rows.length;
    afterId = rows.at(-1)!.id;
    options.onProgress?.(reembedded);
  }
  services.termStatistics.invalidate();
  services.logger.info({ model: embedder.model, reembedded }, 're-embedding done');
  return { model: embedder.model, reembedded };
}
