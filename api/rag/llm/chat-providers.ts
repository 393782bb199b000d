import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatGroq } from '@langchain/groq';
import { ChatOllama } from '@langchain/ollama';
import type { HubConfig } from '../../config/load-config.ts';
import { createTimeoutFetch } from '../http/create-timeout-fetch.ts';
import { failFastOnRateLimit } from './fail-fast-on-rate-limit.ts';

export const ProviderName = { groq: 'groq', ollama: 'ollama', extractive: 'extractive' } as const;
export type ProviderName = (typeof ProviderName)[keyof typeof ProviderName];

/** Answers are short; a cap keeps a runaway model from streaming for minutes on a small machine. */
const MAX_ANSWER_TOKENS = 700;
const TEMPERATURE = 0.1;
/** A stream that goes silent this long midway is cut (the model or its host died). */
const STREAM_IDLE_TIMEOUT_MS = 30_000;
/**
 * Ollama's only LangChain-visible bound. Its fetch already cuts a server that sends no headers within
 * OLLAMA_TIMEOUT_MS (prompt reading on a small CPU happens before the first byte) and a stream silent
 * for STREAM_IDLE_TIMEOUT_MS; this total only stops an endless but live stream.
 */
const OLLAMA_TOTAL_TIMEOUT_FACTOR = 4;

export interface ChatProvider {
  name: ProviderName;
  model: string;
  /** The client with its own timeout, retries and provider tag already bound (before any fallback). */
  runnable: ReturnType<BaseChatModel['withConfig']>;
}

/**
 * Use once at start-up (createRagServices): the LLM providers in fallback order, per the deployment
 * rules. cloud: Groq, then Ollama when configured. local: Ollama, then Groq when a key is set.
 * LLM_PROVIDER=groq|ollama forces that one alone; none means extractive answers only.
 */
export function createChatProviders(config: HubConfig, fetchImpl?: typeof fetch): ChatProvider[] {
  const groq = config.GROQ_API_KEY ? createGroq(config, fetchImpl) : null;
  const ollama = config.OLLAMA_URL ? createOllama(config, fetchImpl) : null;
  const ordered = (() => {
    switch (config.LLM_PROVIDER) {
      case 'none':
        return [];
      case 'groq':
        return [groq];
      case 'ollama':
        return [ollama];
      default:
        return config.DEPLOYMENT_MODE === 'cloud' ? [groq, ollama] : [ollama, groq];
    }
  })();
  return ordered.filter((p): p is ChatProvider => p !== null);
}

function createGroq(config: HubConfig, fetchImpl?: typeof fetch): ChatProvider {
  const client = new ChatGroq({
    apiKey: config.GROQ_API_KEY,
    model: config.GROQ_MODEL,
    baseUrl: config.GROQ_BASE_URL,
    temperature: TEMPERATURE,
    maxTokens: MAX_ANSWER_TOKENS,
    // Retries and their policy are set here, on the model, BEFORE it joins a fallback chain.
    maxRetries: config.LLM_MAX_RETRIES,
    onFailedAttempt: failFastOnRateLimit,
    timeout: config.GROQ_TIMEOUT_MS,
    fetch: createTimeoutFetch({ headerTimeoutMs: config.GROQ_TIMEOUT_MS, idleTimeoutMs: STREAM_IDLE_TIMEOUT_MS, fetch: fetchImpl }),
  });
  return {
    name: ProviderName.groq,
    model: config.GROQ_MODEL,
    runnable: client.withConfig({ timeout: config.GROQ_TIMEOUT_MS, tags: [`provider:${ProviderName.groq}`] }),
  };
}

function createOllama(config: HubConfig, fetchImpl?: typeof fetch): ChatProvider {
  const client = new ChatOllama({
    baseUrl: config.OLLAMA_URL,
    model: config.OLLAMA_MODEL,
    temperature: TEMPERATURE,
    numPredict: MAX_ANSWER_TOKENS,
    maxRetries: config.LLM_MAX_RETRIES,
    onFailedAttempt: failFastOnRateLimit,
    // ChatOllama ignores LangChain timeouts: the fetch is what bounds a hung server.
    fetch: createTimeoutFetch({ headerTimeoutMs: config.OLLAMA_TIMEOUT_MS, idleTimeoutMs: STREAM_IDLE_TIMEOUT_MS, fetch: fetchImpl }),
  });
  return {
    name: ProviderName.ollama,
    model: config.OLLAMA_MODEL,
    runnable: client.withConfig({
      timeout: config.OLLAMA_TIMEOUT_MS * OLLAMA_TOTAL_TIMEOUT_FACTOR,
      tags: [`provider:${ProviderName.ollama}`],
    }),
  };
}
