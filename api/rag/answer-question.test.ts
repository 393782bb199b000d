import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allFixtures, insertFixture } from '../../test/fakes/fixture-documents.ts';
import { DEFAULT_FAKE_ANSWER, startFakeGroq, type FakeChatServer } from '../../test/fakes/fake-groq-server.ts';
import { startFakeOllama, type FakeOllamaServer } from '../../test/fakes/fake-ollama-server.ts';
import { createTestRagServices } from '../../test/fakes/rag-test-services.ts';
import { createTestDatabase, testEngine } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { questionLog } from '../db/schema/index.ts';
import { answerQuestion } from './answer-question.ts';
import type { AnswerStreamEvent } from './answer-types.ts';
import { indexDocument } from './index-document.ts';
import { NO_ANSWER_MARKER } from './llm/answer-prompt.ts';
import { EXTRACTIVE_LABEL } from './llm/extractive-answer.ts';
import { MAX_CITATIONS } from './prepare-answer.ts';
import { RelevanceWeights } from './relevance/assess-relevance.ts';
import { streamAnswer } from './stream-answer.ts';

const PROVIDER_TIMEOUT_MS = 1_500;
/** The fake Groq's Retry-After on a 429: moving on "at once" means well before this, however loaded the machine. */
const GROQ_RETRY_AFTER_MS = 20_000;
const QUESTION = 'how much bleach per gallon of water';

describe(`answering through the provider chain on ${testEngine}`, () => {
  let handle: DatabaseHandle;
  let groq: FakeChatServer;
  let ollama: FakeOllamaServer;
  let scriptedAnswer: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    groq = await startFakeGroq({ answer: () => scriptedAnswer, slowStreamDelayMs: 120 });
    ollama = await startFakeOllama({ answer: () => scriptedAnswer, slowStreamDelayMs: 120 });
    const services = await createTestRagServices(handle.db);
    for (const fixture of allFixtures) await indexDocument(services, { documentId: await insertFixture(handle.db, fixture) });
  });
  afterAll(async () => {
    await Promise.all([groq?.close(), ollama?.close()]);
    await handle?.close();
  });
  beforeEach(async () => {
    scriptedAnswer = DEFAULT_FAKE_ANSWER;
    groq.behaviour = 'ok';
    ollama.behaviour = 'ok';
    await Promise.all([groq.setListening(true), ollama.setListening(true)]);
    groq.requests.length = 0;
    ollama.requests.length = 0;
  });

  const servicesFor = (mode: 'cloud' | 'local', extra: Record<string, string> = {}) =>
    createTestRagServices(handle.db, {
      DEPLOYMENT_MODE: mode, HUB_API_TOKEN: 'test-token-0123456789', LLM_PROVIDER: 'auto',
      GROQ_API_KEY: 'gsk_test', GROQ_BASE_URL: groq.url, OLLAMA_URL: ollama.url,
      GROQ_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS), OLLAMA_TIMEOUT_MS: String(PROVIDER_TIMEOUT_MS), LLM_MAX_RETRIES: '1',
      ...extra,
    });

  async function timedAnswer(mode: 'cloud' | 'local', extra?: Record<string, string>) {
    const services = await servicesFor(mode, extra);
    // Speed is measured by the benchmarks; here only lower bounds and call counts, which load cannot break.
    const started = performance.now();
    const result = await answerQuestion(services, { question: QUESTION, channel: 'api' });
    return { result, elapsed: performance.now() - started };
  }

  it('answers with Groq in cloud mode, cites the EPA sheet and logs the question', async () => {
    const { result } = await timedAnswer('cloud');
    expect(result).toMatchObject({ provider: 'groq', answered: true, answer: DEFAULT_FAKE_ANSWER });
    expect(result.citations[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
    const [logged] = await handle.db.select().from(questionLog).where(eq(questionLog.id, result.questionId!));
    expect(logged).toMatchObject({ provider: 'groq', answered: true, channel: 'api', question: QUESTION });
    expect(logged!.timings).toEqual(result.timings);
    const { totalMs, retrievalMs, generationMs } = result.timings as Record<string, number>;
    expect(generationMs).toBeGreaterThan(0); // a real HTTP round trip to the fake Groq
    expect(totalMs).toBeGreaterThanOrEqual(retrievalMs! + generationMs! - 1); // each part is rounded on its own
  });

  it('falls back to Ollama when Groq refuses connections', async () => {
    groq.behaviour = 'refuse';
    const { result } = await timedAnswer('cloud');
    expect(result.provider).toBe('ollama');
    expect(result.answer).toBe(DEFAULT_FAKE_ANSWER);
  });

  it('retries a Groq 500 once, then falls back to Ollama', async () => {
    groq.behaviour = 'error500';
    // LangChain waits 1-2 s before a retry: give Groq a budget that leaves room for it.
    const { result } = await timedAnswer('cloud', { GROQ_TIMEOUT_MS: '5000' });
    expect(result.provider).toBe('ollama');
    expect(groq.chatCalls()).toBe(2);
  });

  it('moves on at once on a Groq 429 instead of waiting out Retry-After', async () => {
    groq.behaviour = 'rateLimit429';
    const { result, elapsed } = await timedAnswer('cloud');
    expect(result.provider).toBe('ollama');
    expect(groq.chatCalls()).toBe(1);
    expect(elapsed).toBeLessThan(GROQ_RETRY_AFTER_MS);
  });

  it('falls back at once on a wrong Groq key, without retrying it', async () => {
    groq.behaviour = 'wrongKey401';
    const { result } = await timedAnswer('cloud', { GROQ_TIMEOUT_MS: '5000' });
    expect(result).toMatchObject({ provider: 'ollama', answer: DEFAULT_FAKE_ANSWER });
    expect(groq.chatCalls()).toBe(1);
    expect(ollama.chatCalls()).toBe(1);
  });

  it('cuts a hung Groq at its timeout and falls back', async () => {
    groq.behaviour = 'hang';
    const { result, elapsed } = await timedAnswer('cloud');
    expect(result.provider).toBe('ollama');
    expect(elapsed).toBeGreaterThanOrEqual(PROVIDER_TIMEOUT_MS - 100);
    // A timeout is not retried: a provider that hung once would hang again.
    expect(groq.chatCalls()).toBe(1);
  });

  it('cuts a hung Ollama with the response-header timeout and falls back to Groq in local mode', async () => {
    ollama.behaviour = 'hang';
    const { result, elapsed } = await timedAnswer('local');
    expect(result.provider).toBe('groq');
    expect(elapsed).toBeGreaterThanOrEqual(PROVIDER_TIMEOUT_MS - 100);
  });

  it('falls back to Groq when Ollama dies in the middle of its stream', async () => {
    ollama.behaviour = 'dieMidStream';
    const { result } = await timedAnswer('local');
    expect(result.provider).toBe('groq');
  });

  it('quotes the passages, clearly labelled, when every provider is down', async () => {
    groq.behaviour = 'refuse';
    ollama.behaviour = 'refuse';
    const { result } = await timedAnswer('cloud');
    expect(result.provider).toBe('extractive');
    expect(result.answered).toBe(true);
    expect(result.answer.startsWith(EXTRACTIVE_LABEL)).toBe(true);
    expect(result.answer).toContain('| 1 gallon | 8 drops | 6 drops |');
    expect(result.answer).toContain('[1]');
    expect(result.citations[0]!.filename).toBe('epa-emergency-disinfection-of-drinking-water.pdf');
  });

  it('answers with quotes and no network call when LLM_PROVIDER=none', async () => {
    const { result } = await timedAnswer('local', { LLM_PROVIDER: 'none' });
    expect(result.provider).toBe('extractive');
    expect(groq.chatCalls() + ollama.chatCalls()).toBe(0);
  });

  it('reports answered=false when the model says the documents do not cover the question', async () => {
    scriptedAnswer = 'NO_ANSWER\nThe hub documents do not cover this.';
    const { result } = await timedAnswer('cloud');
    expect(result).toMatchObject({ answered: false, provider: 'groq', answer: 'The hub documents do not cover this.' });
  });

  it('reports answered=false for an extractive answer with no topical match', async () => {
    const services = await servicesFor('local', { LLM_PROVIDER: 'none' });
    const result = await answerQuestion(services, { question: 'who won the football cup final yesterday', channel: 'cli' });
    expect(result.answered).toBe(false);
  });

  it('says the documents do not cover a question, names what they cover nearby, asks no model and logs it unanswered', async () => {
    const services = await servicesFor('cloud');
    const question = 'How do I deduct my home office on my federal income tax return?';
    const result = await answerQuestion(services, { question, channel: 'api' });
    expect(result).toMatchObject({ answered: false, provider: 'none', citations: [] });
    expect(result.relevance).toBeLessThan(RelevanceWeights.answerThreshold);
    expect(result.answer).toMatch(/^The hub's documents do not cover this question\. The nearest topics they do cover: .+\(/);
    expect(groq.chatCalls() + ollama.chatCalls()).toBe(0);
    const [logged] = await handle.db.select().from(questionLog).where(eq(questionLog.id, result.questionId!));
    expect(logged).toMatchObject({ answered: false, provider: 'none', question });
  });

  it('gives an absolute relevance and cites at most five passages, none below the floor', async () => {
    const result = (await timedAnswer('local', { LLM_PROVIDER: 'none' })).result;
    expect(result.relevance).toBeGreaterThanOrEqual(RelevanceWeights.answerThreshold);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.citations.length).toBeLessThanOrEqual(MAX_CITATIONS);
    for (const citation of result.citations) expect(citation.score).toBeGreaterThanOrEqual(RelevanceWeights.passageFloor);
    // Scores are absolute: the best passage is not simply 1.
    expect(result.citations[0]!.score).toBeLessThan(1);
  });

  it('leads the extractive answer with the sentence that answers, not with the start of the passage', async () => {
    const services = await servicesFor('local', { LLM_PROVIDER: 'none' });
    const result = await answerQuestion(services, { question: 'What should I do if floodwater covers the road while I am driving?', channel: 'api' });
    const firstQuote = result.answer.slice(EXTRACTIVE_LABEL.length).trim().split('\n')[0];
    expect(firstQuote).toMatch(/^> Do not walk, swim or drive through flood waters\. Turn Around, Don't Drown! \[1\]$/);
    expect(result.citations[0]!.filename).toBe('fema-be-prepared-for-a-flood.pdf');
  });

  for (const provider of ['groq', 'ollama'] as const) {
    it(`logs answered=false when ${provider} says the passages do not answer`, async () => {
      scriptedAnswer = `${NO_ANSWER_MARKER}\nThe hub documents do not cover this.`;
      const result = (await timedAnswer('local', { LLM_PROVIDER: provider })).result;
      expect(result).toMatchObject({ answered: false, provider, answer: 'The hub documents do not cover this.', citations: [] });
      const [logged] = await handle.db.select().from(questionLog).where(eq(questionLog.id, result.questionId!));
      expect(logged).toMatchObject({ answered: false, provider });
    });
  }

  describe('streaming', () => {
    async function collect(mode: 'cloud' | 'local') {
      const services = await servicesFor(mode);
      const events: AnswerStreamEvent[] = [];
      for await (const event of streamAnswer(services, { question: QUESTION, channel: 'api' })) events.push(event);
      const done = events.at(-1);
      if (done?.type !== 'done') throw new Error('the stream did not end with done');
      const tokens = events.flatMap((e) => (e.type === 'token' ? [e.text] : []));
      return { events, result: done.result, tokens };
    }

    it('streams sources, then tokens, then the same result as answerQuestion', async () => {
      const { events, result, tokens } = await collect('cloud');
      expect(events[0]!.type).toBe('sources');
      expect(tokens.length).toBeGreaterThan(1);
      expect(tokens.join('')).toBe(DEFAULT_FAKE_ANSWER);
      expect(result).toMatchObject({ provider: 'groq', answered: true, answer: DEFAULT_FAKE_ANSWER });
      expect(result.questionId).toBeTruthy();
    });

    it('falls back before the first token when Groq is down', async () => {
      groq.behaviour = 'rateLimit429';
      const { result } = await collect('cloud');
      expect(result.provider).toBe('ollama');
    });

    it('lets a slow but steady stream finish', async () => {
      groq.behaviour = 'slowStream';
      const { result, tokens } = await collect('cloud');
      expect(result.provider).toBe('groq');
      expect(tokens.join('')).toBe(DEFAULT_FAKE_ANSWER);
    });

    it('restarts with the next model when the stream dies midway', async () => {
      groq.behaviour = 'dieMidStream';
      const { events, result } = await collect('cloud');
      const restart = events.findIndex((e) => e.type === 'restart');
      expect(restart).toBeGreaterThan(0);
      // What follows the restart is Ollama's whole answer, not the rest of Groq's.
      const afterRestart = events.slice(restart).flatMap((e) => (e.type === 'token' ? [e.text] : []));
      expect(afterRestart.join('')).toBe(DEFAULT_FAKE_ANSWER);
      expect(result).toMatchObject({ provider: 'ollama', answer: DEFAULT_FAKE_ANSWER });
      expect(ollama.requests).toHaveLength(1);
    });

    it('restarts with quotes when every model dies midway', async () => {
      groq.behaviour = 'dieMidStream';
      ollama.behaviour = 'dieMidStream';
      const { events, result } = await collect('cloud');
      expect(events.filter((e) => e.type === 'restart')).toHaveLength(2);
      expect(result.provider).toBe('extractive');
      expect(result.answer).toContain('8 drops');
    });

    it('hides the no-answer marker from the streamed text', async () => {
      scriptedAnswer = 'NO_ANSWER The hub documents do not cover this.';
      const { result, tokens } = await collect('cloud');
      expect(tokens.join('')).not.toContain('NO_ANSWER');
      expect(result.answered).toBe(false);
    });
  });
});
