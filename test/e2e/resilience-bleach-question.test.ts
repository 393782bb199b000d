import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGroq, type FakeChatServer } from '../fakes/fake-groq-server.ts';
import { startFakeOllama } from '../fakes/fake-ollama-server.ts';
import { corpusAvailable, corpusFile } from '../fixtures/corpus.ts';
import { runHub } from '../support/run-hub-cli.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';

const QUESTION = 'how much bleach per gallon of water';
const EPA_SHEET = 'epa-emergency-disinfection-of-drinking-water.pdf';

/** A model that answers from its sources: it repeats the source sentence about drops, citing it. */
function answerFromPrompt(messages: { role: string; content: string }[]): string {
  const prompt = messages.map((message) => message.content).join('\n');
  const sentence = /[^.\n>]*\b\d+ drops\b[^.\n]*/.exec(prompt)?.[0]?.trim() ?? 'NO_ANSWER';
  return `${sentence} [1].`;
}

describe.skipIf(!corpusAvailable('the bleach question over corpus/resilience'))(`the preparedness corpus end to end on ${testEngine}`, () => {
  let env: Record<string, string>;
  let dropServerDatabase: (() => Promise<void>) | undefined;
  const fakes: FakeChatServer[] = [];

  beforeAll(async () => {
    const server = process.env.TEST_DATABASE_URL ? await createServerDatabaseUrl(process.env.TEST_DATABASE_URL) : null;
    dropServerDatabase = server?.drop;
    env = { HUB_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'hub-resilience-')), LOG_LEVEL: 'warn', ...(server ? { DATABASE_URL: server.url } : {}) };
    const ingest = await runHub(['ingest', corpusFile('resilience'), '--json'], env);
    expect(ingest.code, ingest.stderr).toBe(0);
    const reports = ingest.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(reports.filter((report) => report.file.endsWith('.pdf'))).toHaveLength(15);
    expect(reports.every((report) => report.status === 'ready')).toBe(true);
  }, 300_000);
  afterAll(async () => {
    for (const fake of fakes) await fake.close();
    await dropServerDatabase?.();
  });

  const ask = async (extraEnv: Record<string, string>) => {
    const result = await runHub(['ask', QUESTION, '--json'], { ...env, ...extraEnv });
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { answer: string; answered: boolean; provider: string; citations: Array<{ filename: string; pages: number[] }> };
  };

  // FEMA's food-and-water guide and the EPA sheet both give the dose per gallon: either may lead, as
  // long as the reply opens with a dose and the EPA sheet is among the sources (the corpus folder's
  // README, a catalogue that names "bleach dose table per gallon", is ingested with it and may rank high).
  const citesEpaEarly = (answer: { citations: Array<{ filename: string }> }) =>
    expect(answer.citations.map((citation) => citation.filename)).toContain(EPA_SHEET);

  it('leads with a dose per gallon and quotes the EPA sheet, when no language model is reachable', async () => {
    const answer = await ask({ OLLAMA_URL: 'http://127.0.0.1:9', GROQ_API_KEY: 'gsk_unreachable', GROQ_BASE_URL: 'http://127.0.0.1:9' });
    expect(answer.provider).toBe('extractive');
    expect(answer.answered).toBe(true);
    citesEpaEarly(answer);
    const lead = answer.answer.split('\n').find((line) => line.startsWith('> '));
    expect(lead).toMatch(/\d+ drops .*bleach per gallon/);
    expect(answer.answer).toMatch(/8 drops of 6 ?% bleach/);
  }, 60_000);

  it('answers through Groq in the cloud order, citing the EPA sheet', async () => {
    const groq = await startFakeGroq({ answer: answerFromPrompt });
    fakes.push(groq);
    const answer = await ask({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'cloud-token-0123456789', GROQ_API_KEY: 'gsk_fake', GROQ_BASE_URL: groq.url });
    expect(answer).toMatchObject({ provider: 'groq', answered: true });
    citesEpaEarly(answer);
    expect(answer.answer).toMatch(/\d+ drops/);
  }, 60_000);

  it('falls back from a dead Ollama to Groq on a local instance', async () => {
    const groq = await startFakeGroq({ answer: answerFromPrompt });
    const ollama = await startFakeOllama({ answer: answerFromPrompt });
    fakes.push(groq, ollama);
    ollama.behaviour = 'error500';
    ollama.embedBehaviour = 'error500';
    const answer = await ask({ OLLAMA_URL: ollama.url, GROQ_API_KEY: 'gsk_fake', GROQ_BASE_URL: groq.url });
    expect(answer.provider).toBe('groq');
    citesEpaEarly(answer);
    expect(ollama.chatCalls()).toBeGreaterThan(0);
  }, 60_000);
});
