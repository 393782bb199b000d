import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../api/db/database.ts';
import { questionLog } from '../../api/db/schema/index.ts';
import { answerQuestion } from '../../api/rag/answer-question.ts';
import { EXTRACTIVE_LABEL } from '../../api/rag/llm/extractive-answer.ts';
import type { RagServices } from '../../api/rag/rag-services.ts';
import { ingestFolder } from '../../scripts/eval/ingest-folder.ts';
import { loadWithExtractor } from '../../scripts/eval/load-with-extractor.ts';
import { createTestRagServices } from '../fakes/rag-test-services.ts';
import { corpusAvailable, corpusFile } from '../fixtures/corpus.ts';
import { createTestDatabase, testEngine } from '../support/test-database.ts';

const FLOOD_SHEET = 'fema-be-prepared-for-a-flood.pdf';

/** Issue 11's questions, asked of the 15 real preparedness PDFs with no language model. */
describe.skipIf(!corpusAvailable('the not-covered and flood questions over corpus/resilience'))(`answers over the preparedness guides on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let services: RagServices;

  beforeAll(async () => {
    handle = await createTestDatabase();
    services = await createTestRagServices(handle.db);
    const ingest = await ingestFolder(services, handle.db, corpusFile('resilience'), loadWithExtractor);
    expect(ingest.files).toBe(15);
  }, 600_000);
  afterAll(async () => {
    await handle?.close();
  });

  const ask = (question: string) => answerQuestion(services, { question, channel: 'api' });

  for (const question of ['How do I deduct my home office on my federal income tax return?', 'What is the penalty for filing my state tax return late?']) {
    it(`says the documents do not cover "${question}" and logs it unanswered`, async () => {
      const result = await ask(question);
      expect(result).toMatchObject({ answered: false, provider: 'none', citations: [] });
      expect(result.answer).toMatch(/^The hub's documents do not cover this question\./);
      const [logged] = await handle.db.select().from(questionLog).where(eq(questionLog.id, result.questionId!));
      expect(logged!.answered).toBe(false);
    });
  }

  it('quotes "Turn Around. Don\'t Drown." from the flood sheet for driving into floodwater', async () => {
    const result = await ask('What should I do if floodwater covers the road while I am driving?');
    expect(result).toMatchObject({ answered: true, provider: 'extractive' });
    expect(result.answer.startsWith(EXTRACTIVE_LABEL)).toBe(true);
    expect(result.answer).toMatch(/Turn Around\. Don[’']t Drown/);
    expect(result.citations[0]!.filename).toBe(FLOOD_SHEET);
    expect(result.citations.length).toBeLessThanOrEqual(5);
  });

  it('answers the plain flood question the same way', async () => {
    const result = await ask('Can I drive through flood water?');
    expect(result.answered).toBe(true);
    expect(result.answer).toMatch(/Turn Around\. Don[’']t Drown/);
    expect(result.citations[0]!.filename).toBe(FLOOD_SHEET);
  });
});
