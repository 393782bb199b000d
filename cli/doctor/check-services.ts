import type { HubConfig } from '#api/config/load-config.ts';
import { ok, problem, skip, type CheckResult } from './check-result.ts';
import { probeHttp } from './probe-http.ts';

/** Ollama: reachable, and are the chat and embedding models pulled? */
export async function checkOllama(config: HubConfig): Promise<CheckResult> {
  if (!config.OLLAMA_URL) return skip('Ollama', 'OLLAMA_URL not set (local LLM answers off)');
  const probe = await probeHttp(new URL('/api/tags', config.OLLAMA_URL).toString());
  if (!probe.reachable) return problem('Ollama', `${config.OLLAMA_URL} not reachable (${probe.reason}); is \`ollama serve\` running?`);
  const names = ((probe.body as { models?: { name: string }[] } | null)?.models ?? []).map((m) => m.name);
  const wanted = [config.OLLAMA_MODEL, ...(config.EMBEDDINGS_PROVIDER === 'ollama' || config.EMBEDDINGS_PROVIDER === 'auto' ? [config.OLLAMA_EMBED_MODEL] : [])];
  const missing = wanted.filter((model) => !names.some((name) => name === model || name === `${model}:latest`));
  if (missing.length > 0) return problem('Ollama', `reachable, but missing ${missing.join(', ')}: run \`ollama pull ${missing[0]}\``);
  return ok('Ollama', `${config.OLLAMA_URL} with ${wanted.join(', ')}`);
}

/** Groq: does the key work? */
export async function checkGroq(config: HubConfig): Promise<CheckResult> {
  if (!config.GROQ_API_KEY) return skip('Groq', 'GROQ_API_KEY not set (cloud LLM answers off)');
  const probe = await probeHttp(new URL('/openai/v1/models', config.GROQ_BASE_URL).toString(), { authorization: `Bearer ${config.GROQ_API_KEY}` });
  if (!probe.reachable) return problem('Groq', `${config.GROQ_BASE_URL} not reachable (${probe.reason}); offline?`);
  if (probe.status === 401 || probe.status === 403) return problem('Groq', 'the API key was refused: check GROQ_API_KEY');
  if (probe.status >= 400) return problem('Groq', `answered HTTP ${probe.status}`);
  return ok('Groq', `key accepted, model ${config.GROQ_MODEL}`);
}

/** Chat platforms: do the credentials log in? */
export async function checkChatPlatforms(config: HubConfig): Promise<CheckResult[]> {
  return Promise.all([checkTelegram(config), checkDiscord(config), checkMatrix(config)]);
}

async function checkTelegram(config: HubConfig): Promise<CheckResult> {
  if (!config.TELEGRAM_BOT_TOKEN) return skip('Telegram', 'TELEGRAM_BOT_TOKEN not set');
  const probe = await probeHttp(`${config.TELEGRAM_API_ROOT}/bot${config.TELEGRAM_BOT_TOKEN}/getMe`);
  if (!probe.reachable) return problem('Telegram', `${config.TELEGRAM_API_ROOT} not reachable (${probe.reason})`);
  if (probe.status === 401 || probe.status === 404) return problem('Telegram', 'the bot token was refused: check TELEGRAM_BOT_TOKEN');
  const username = (probe.body as { result?: { username?: string } } | null)?.result?.username;
  return ok('Telegram', `logged in as @${username ?? '?'}`);
}

async function checkDiscord(config: HubConfig): Promise<CheckResult> {
  if (!config.DISCORD_BOT_TOKEN) return skip('Discord', 'DISCORD_BOT_TOKEN not set');
  const api = config.DISCORD_API_URL ?? 'https://discord.com/api';
  const probe = await probeHttp(`${api}/v10/users/@me`, { authorization: `Bot ${config.DISCORD_BOT_TOKEN}` });
  if (!probe.reachable) return problem('Discord', `${api} not reachable (${probe.reason})`);
  if (probe.status === 401) return problem('Discord', 'the bot token was refused: check DISCORD_BOT_TOKEN');
  return ok('Discord', `logged in as ${(probe.body as { username?: string } | null)?.username ?? '?'}`);
}

async function checkMatrix(config: HubConfig): Promise<CheckResult> {
  if (!config.MATRIX_HOMESERVER_URL || !config.MATRIX_ACCESS_TOKEN) return skip('Matrix', 'MATRIX_* not set');
  const probe = await probeHttp(new URL('/_matrix/client/v3/account/whoami', config.MATRIX_HOMESERVER_URL).toString(), {
    authorization: `Bearer ${config.MATRIX_ACCESS_TOKEN}`,
  });
  if (!probe.reachable) return problem('Matrix', `${config.MATRIX_HOMESERVER_URL} not reachable (${probe.reason})`);
  if (probe.status === 401) return problem('Matrix', 'the access token was refused: check MATRIX_ACCESS_TOKEN');
  return ok('Matrix', `logged in as ${(probe.body as { user_id?: string } | null)?.user_id ?? '?'}`);
}
