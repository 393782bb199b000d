import type { HubConfig } from '../config/load-config.ts';

/** Settings whose values must never reach a log line. Add a new credential setting here. */
const SECRET_SETTINGS = [
  'HUB_API_TOKEN',
  'GROQ_API_KEY',
  'OPENAI_EMBEDDINGS_API_KEY',
  'SYNC_API_KEY',
  'ADMIN_PASSWORD',
  'ADMIN_SESSION_SECRET',
  'TELEGRAM_BOT_TOKEN',
  'DISCORD_BOT_TOKEN',
  'MATRIX_ACCESS_TOKEN',
] as const satisfies ReadonlyArray<keyof HubConfig>;

/** The secret values of a configuration, for `createLogger({ secrets })`: tokens, keys, passwords. */
export function secretsOf(config: Partial<Pick<HubConfig, (typeof SECRET_SETTINGS)[number] | 'DATABASE_URL'>>): string[] {
  const secrets: string[] = [];
  for (const name of SECRET_SETTINGS) {
    const value = config[name];
    if (value) secrets.push(value);
  }
  const password = databasePassword(config.DATABASE_URL);
  if (password) secrets.push(...password);
  return secrets;
}

/** The password of a connection URL, as written and decoded (drivers may show either). */
function databasePassword(url: string | undefined): string[] | null {
  if (!url) return null;
  try {
    const password = new URL(url).password;
    if (!password) return null;
    return [password, safeDecode(password)];
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
