import type { HubConfig } from '#api/config/load-config.ts';
import type { ComponentStatus } from '#api/core/describe-components.ts';
import type { DatabaseHandle } from '#api/db/database.ts';

interface BannerInput {
  url: string;
  config: HubConfig;
  database: DatabaseHandle;
  components: Record<string, ComponentStatus>;
  adminPath?: string;
  /** Chat platforms connected at start-up. */
  chatPlatforms: string[];
}

/** What `hub start` prints: where everything is, and what to configure next, in plain words. */
export function formatStartBanner({ url, config, database, components, adminPath, chatPlatforms }: BannerInput): string {
  const lines = [
    `Community Resilience Hub is running (${config.DEPLOYMENT_MODE} mode).`,
    '',
    `  Web page     ${url}/   (members ask here${config.HOST === '127.0.0.1' || config.HOST === 'localhost' ? '; HOST=0.0.0.0 opens it to phones on the network' : '; invite links: npm run hub -- invite <community>'})`,
    `  API          ${url}/api`,
    `  API docs     ${url}/docs`,
    `  Health       ${url}/health`,
  ];
  lines.push(`  Admin panel  ${url}/admin${adminPath ? '' : '   (locked: set ADMIN_PASSWORD to enable it)'}`);
  lines.push(
    `  Database     ${database.engine === 'pglite' ? `embedded PostgreSQL in ${database.location}` : database.location}`,
    `  Files        ${config.rawFilesDir}`,
    '',
    `  Answers      ${components.answering?.detail ?? 'unknown'}`,
    `  Embeddings   ${components.embeddings?.detail ?? 'unknown'}`,
    `  Chats        ${chatPlatforms.length > 0 ? chatPlatforms.join(', ') : describeChatSetup(config)}`,
    '',
  );
  const next = nextSteps(config);
  if (next.length > 0) lines.push('Next steps:', ...next.map((step) => `  - ${step}`), '');
  lines.push('Stop with Ctrl+C.');
  return lines.join('\n');
}

function describeChatSetup(config: HubConfig): string {
  const configured = [config.TELEGRAM_BOT_TOKEN && 'Telegram', config.DISCORD_BOT_TOKEN && 'Discord', config.MATRIX_ACCESS_TOKEN && 'Matrix'].filter(Boolean);
  return configured.length > 0 ? `${configured.join(', ')} not connected yet (retrying in the background; see the log)` : 'none configured';
}

function nextSteps(config: HubConfig): string[] {
  const steps = ['Add documents: npm run hub -- ingest ./my-documents   (then: npm run hub -- ask "your question")'];
  if (!config.OLLAMA_URL && !config.GROQ_API_KEY) {
    steps.push(
      'Answers are quoted passages until an LLM is configured: run Ollama (https://ollama.com) and set ' +
        `OLLAMA_URL=http://127.0.0.1:11434 (model ${config.OLLAMA_MODEL}), and/or set GROQ_API_KEY for Groq's cloud.`,
    );
  } else if (!config.OLLAMA_URL) {
    steps.push('For answers while the internet is down, run Ollama locally and set OLLAMA_URL.');
  } else if (!config.GROQ_API_KEY) {
    steps.push('Optional: set GROQ_API_KEY so Groq answers when Ollama is busy or down.');
  }
  if (!config.TELEGRAM_BOT_TOKEN && !config.DISCORD_BOT_TOKEN && !config.MATRIX_ACCESS_TOKEN) {
    steps.push('To answer in chats, set TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN or MATRIX_HOMESERVER_URL + MATRIX_ACCESS_TOKEN + MATRIX_USER_ID in .env.');
  }
  if (config.DEPLOYMENT_MODE === 'cloud' && config.HOST === '127.0.0.1') {
    steps.push('In the cloud, set HOST=0.0.0.0 so the platform can reach the API.');
  }
  steps.push('Check everything with: npm run hub -- doctor');
  return steps;
}
