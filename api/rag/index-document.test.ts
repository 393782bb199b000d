import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOllama, FAKE_OLLAMA_EMBED_DIMENSIONS, type FakeOllamaServer } from '../../test/fakes/fake-ollama-server.ts';
import { floodSheet, heatIllness, insertFixture, waterDisinfection } from '../../test/fakes/fixture-documents.ts';
import { createTestRagServices } from '../../test/fakes/rag-test-services.ts';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import { queryRows, type DatabaseHandle } from '../db/database.ts';
import { BUILTIN_MODEL_ID } from './embeddings/builtin-embedder.ts';
import { indexDocument } from './index-document.ts';
import { reembedAll } from './reembed-all.ts';
import { retrieveChunks } from './retrieval/retrieve-chunks.ts';

const OLLAMA_MODEL_ID = 'ollama:nomic-embed-text';
const EMBED_TIMEOUT_MS = 800;

describe(`indexing and embedding providers on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let ollama: FakeOllamaServer;
  const withOllama = () =>
    createTestRagServices(handle.db, { EMBEDDINGS_PROVIDER: 'ollama', OLLAMA_URL: ollama.url, EMBEDDINGS_TIMEOUT_MS: String(EMBED_TIMEOUT_MS) });
  const modelsOf = async (documentId: string) =>
    queryRows<{ model: string; dims: number; n: number }>(
      handle.db,
      sql`SELECT embedding_model AS model, embedding_dims AS dims, count(*)::int AS n FROM chunks WHERE document_id = ${documentId} GROUP BY 1, 2`,
    );

  beforeAll(async () => {
    handle = await createTestDatabase();
    ollama = await startFakeOllama();
  });
  afterAll(async () => {
    await ollama?.close();
    await handle?.close();
  });
  beforeEach(async () => {
    ollama.embedBehaviour = 'ok';
    await ollama.setListening(true);
  });

  it('replaces a document\'s chunks when run twice, and records the built-in model', async () => {
    const services = await createTestRagServices(handle.db);
    const id = await insertFixture(handle.db, waterDisinfection);
    const first = await indexDocument(services, { documentId: id });
    const second = await indexDocument(services, { documentId: id });
    expect(second.chunks).toBe(first.chunks);
    expect(second).toMatchObject({ model: BUILTIN_MODEL_ID, ftsConfig: 'english' });
    expect(await modelsOf(id)).toEqual([{ model: BUILTIN_MODEL_ID, dims: 1024, n: first.chunks }]);
  });

  it('embeds with Ollama when configured, and searches that space with Ollama query vectors', async () => {
    const services = await withOllama();
    const id = await insertFixture(handle.db, floodSheet);
    await indexDocument(services, { documentId: id });
    expect(await modelsOf(id)).toEqual([{ model: OLLAMA_MODEL_ID, dims: FAKE_OLLAMA_EMBED_DIMENSIONS, n: expect.any(Number) }]);
    const before = ollama.embedCalls();
    const { chunks } = await retrieveChunks(services, { question: 'can I drive through moving flood water', communityId: null });
    expect(ollama.embedCalls()).toBe(before + 1);
    expect(chunks[0]!.documentId).toBe(id);
  });

  it('falls back to the built-in embedder within its budget when Ollama hangs, never mixing models in a document', async () => {
    ollama.embedBehaviour = 'hang';
    const services = await withOllama();
    const id = await insertFixture(handle.db, heatIllness);
    const callsBefore = ollama.embedCalls();
    const started = performance.now();
    const result = await indexDocument(services, { documentId: id });
    // Two attempts (one retry), each cut at EMBED_TIMEOUT_MS, then the built-in embedder: counted, and
    // bounded from below only (load makes things slower, never faster).
    expect(ollama.embedCalls() - callsBefore).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * EMBED_TIMEOUT_MS - 100);
    expect(result.model).toBe(BUILTIN_MODEL_ID);
    expect((await modelsOf(id)).map((r) => r.model)).toEqual([BUILTIN_MODEL_ID]);
  });

  it('still answers from every document while models are mixed, and reembedAll moves everything to the preferred model', async () => {
    ollama.embedBehaviour = 'refuse';
    const services = await withOllama();
    const { chunks: hits } = await retrieveChunks(services, { question: 'heat cramps after exercise', communityId: null });
    expect(hits[0]!.filename).toBe('cdc-heat-related-illnesses.pdf');
    ollama.embedBehaviour = 'ok';
    await ollama.setListening(true);
    const result = await reembedAll(services);
    expect(result.model).toBe(OLLAMA_MODEL_ID);
    expect(result.reembedded).toBeGreaterThan(0);
    const models = await queryRows<{ model: string }>(handle.db, sql`SELECT DISTINCT embedding_model AS model FROM chunks`);
    expect(models).toEqual([{ model: OLLAMA_MODEL_ID }]);
    expect((await reembedAll(services)).reembedded).toBe(0);
  });
});
