import type { HubConfig } from '../config/load-config.ts';
import type { AnswerTierStatus } from './chat-message.ts';

/** `/status` must answer fast even when a provider hangs. */
const PROBE_TIMEOUT_MS = 3_000;
/** A busy group asking /status repeatedly costs one probe per provider per this period. */
const CACHE_MS = 30_000;

type Probe = (url: string, headers: Record<string, string>) => Promise<number | 'unreachable'>;

/**
 * Which answer tiers would answer right now, strongest first: each LLM in the fallback chain (one
 * cheap GET each: Groq's model list with the key, Ollama's tags) and the quotes tier, which needs
 * nothing and is always up. Results are cached briefly.
 */
export function createAnswerTierProbe(config: HubConfig, chain: ReadonlyArray<{ name: string; model: string }>, probe: Probe = probeStatus) {
  let cached: { at: number; tiers: Promise<AnswerTierStatus[]> } | null = null;
  async function check(): Promise<AnswerTierStatus[]> {
    const llms = await Promise.all(chain.map((provider) => checkProvider(config, provider, probe)));
    return [...llms.filter((tier) => tier !== null), { tier: 'quotes', up: true, detail: 'quoted passages from the documents, no language model needed' }];
  }
  return function probeAnswerTiers(now = Date.now()): Promise<AnswerTierStatus[]> {
    if (!cached || now - cached.at > CACHE_MS) cached = { at: now, tiers: check() };
    return cached.tiers;
  };
}

async function checkProvider(config: HubConfig, provider: { name: string; model: string }, probe: Probe): Promise<AnswerTierStatus | null> {
  if (provider.name === 'groq' && config.GROQ_API_KEY) {
    const status = await probe(new URL('/openai/v1/models', config.GROQ_BASE_URL).toString(), { authorization: `Bearer ${config.GROQ_API_KEY}` });
    return { tier: 'groq', ...judge(status, provider.model) };
  }
  if (provider.name === 'ollama' && config.OLLAMA_URL) {
    const status = await probe(new URL('/api/tags', config.OLLAMA_URL).toString(), {});
    return { tier: 'ollama', ...judge(status, provider.model) };
  }
  return null;
}

function judge(status: number | 'unreachable', model: string): { up: boolean; detail: string } {
  if (status === 'unreachable') return { up: false, detail: 'not reachable' };
  if (status === 401 || status === 403) return { up: false, detail: 'the key was refused' };
  if (status === 429) return { up: false, detail: 'rate limited for now' };
  if (status >= 500) return { up: false, detail: `answering HTTP ${status}` };
  return { up: true, detail: model };
}

async function probeStatus(url: string, headers: Record<string, string>): Promise<number | 'unreachable'> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    await response.body?.cancel().catch(() => {});
    return response.status;
  } catch {
    return 'unreachable';
  }
}
