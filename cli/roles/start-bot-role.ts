import { handleChatMessage } from '#api/chat/handle-chat-message.ts';
import { recordAnswerFeedback } from '#api/chat/record-answer-feedback.ts';
import type { HubCore } from '#api/core/hub-core.ts';
import { holdExclusiveLeases } from '#api/coordination/hold-exclusive-leases.ts';
import { deliverCommunityUpdates } from '#bot/deliver-community-updates.ts';
import { startChatAdapters } from '#bot/start-chat-adapters.ts';
import type { RunningRole } from './hub-role.ts';

/**
 * Role `bot`: every chat platform with credentials, and the delivery of community updates to chats.
 * A platform token may be used by one process only (two Telegram pollers steal each other's updates):
 * a second bot process with the same token waits until the first one stops, then takes over.
 */
export async function startBotRole(core: HubCore): Promise<RunningRole> {
  const tokens = configuredChatTokens(core);
  const leases = await holdExclusiveLeases(core.database, tokens.map((token) => `chat-bot:${token}`), {
    logger: core.logger.child({ part: 'bot' }),
    waitingMessage: 'another bot process is connected with the same chat platform token; this one waits and takes over when it stops',
    // Another process may take the token over now: stop this one (gracefully) rather than answer twice.
    onLost: () => process.kill(process.pid, 'SIGTERM'),
  });
  const chat = await startChatAdapters({
    config: core.config,
    logger: core.logger,
    handle: (message) => handleChatMessage(core, message),
    vote: async (vote) => (await recordAnswerFeedback(core.db, vote)).recorded,
  });
  const delivery = await deliverCommunityUpdates(core, chat);
  return {
    report: { chatPlatforms: chat.running },
    async stop() {
      // Adapters wait (briefly) for answers already being written; they need the core meanwhile.
      await delivery.stop();
      await chat.stop();
      await leases.release();
    },
  };
}

/** The secrets that identify a bot on its platform; the lease key holds a hash, never the token. */
function configuredChatTokens(core: HubCore): string[] {
  const { TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN, MATRIX_ACCESS_TOKEN, MATRIX_HOMESERVER_URL } = core.config;
  return [
    TELEGRAM_BOT_TOKEN && `telegram:${TELEGRAM_BOT_TOKEN}`,
    DISCORD_BOT_TOKEN && `discord:${DISCORD_BOT_TOKEN}`,
    MATRIX_ACCESS_TOKEN && `matrix:${MATRIX_HOMESERVER_URL}:${MATRIX_ACCESS_TOKEN}`,
  ].filter((token): token is string => Boolean(token));
}
