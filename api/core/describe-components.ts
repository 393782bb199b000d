import type { HubConfig } from '../config/load-config.ts';
import type { RagServices } from '../rag/create-rag-services.ts';

export interface ComponentStatus {
  up: boolean;
  detail: string;
}

/**
 * What is configured, without network calls (for /health and the start-up banner); `hub doctor`
 * goes further and checks that each configured service answers.
 */
export function describeComponents(config: HubConfig, rag: RagServices): Record<string, ComponentStatus> {
  const chat = (name: string, configured: boolean): ComponentStatus => ({
    up: configured,
    detail: configured ? `${name} credentials set` : `${name} not configured`,
  });
  return {
    answering: { up: true, detail: rag.describeAnswering() },
    embeddings: { up: true, detail: rag.describeEmbeddings() },
    telegram: chat('Telegram', Boolean(config.TELEGRAM_BOT_TOKEN)),
    discord: chat('Discord', Boolean(config.DISCORD_BOT_TOKEN)),
    matrix: chat('Matrix', Boolean(config.MATRIX_ACCESS_TOKEN)),
    sync: { up: config.SYNC_ENABLED, detail: config.SYNC_ENABLED ? `with ${config.SYNC_SERVER_URL}` : 'sync disabled' },
  };
}
