import type { Env } from './env-schema.ts';

/** Rules that involve more than one variable; each broken rule is one line naming what to set. */
export function checkCrossFieldRules(env: Env): string[] {
  const problems: string[] = [];
  if (env.DEPLOYMENT_MODE === 'cloud' && !env.HUB_API_TOKEN) {
    problems.push('HUB_API_TOKEN: required when DEPLOYMENT_MODE=cloud (the API is on the internet)');
  }
  if (env.DEPLOYMENT_MODE === 'cloud' && env.ADMIN_PASSWORD && !env.ADMIN_SESSION_SECRET) {
    problems.push('ADMIN_SESSION_SECRET: required with ADMIN_PASSWORD when DEPLOYMENT_MODE=cloud (sessions must survive restarts)');
  }
  if (env.DEPLOYMENT_MODE === 'cloud' && env.PROCESSING_CONCURRENCY > 1) {
    problems.push('PROCESSING_CONCURRENCY: at most 1 when DEPLOYMENT_MODE=cloud (a 512 MB instance holds one parser at a time)');
  }
  if (env.LLM_PROVIDER === 'groq' && !env.GROQ_API_KEY) {
    problems.push('GROQ_API_KEY: required when LLM_PROVIDER=groq');
  }
  if (env.LLM_PROVIDER === 'ollama' && !env.OLLAMA_URL) {
    problems.push('OLLAMA_URL: required when LLM_PROVIDER=ollama (e.g. http://127.0.0.1:11434)');
  }
  if (env.EMBEDDINGS_PROVIDER === 'ollama' && !env.OLLAMA_URL) {
    problems.push('OLLAMA_URL: required when EMBEDDINGS_PROVIDER=ollama');
  }
  if (env.EMBEDDINGS_PROVIDER === 'openai' && !env.OPENAI_EMBEDDINGS_URL) {
    problems.push('OPENAI_EMBEDDINGS_URL: required when EMBEDDINGS_PROVIDER=openai');
  }
  if (env.SYNC_ENABLED && (!env.SYNC_SERVER_URL || !env.SYNC_API_KEY)) {
    problems.push('SYNC_SERVER_URL and SYNC_API_KEY: both required when SYNC_ENABLED=true');
  }
  const matrixParts = [env.MATRIX_HOMESERVER_URL, env.MATRIX_ACCESS_TOKEN, env.MATRIX_USER_ID].filter(Boolean).length;
  if (matrixParts > 0 && matrixParts < 3) {
    problems.push('MATRIX_HOMESERVER_URL, MATRIX_ACCESS_TOKEN, MATRIX_USER_ID: set all three or none');
  }
  return problems;
}
