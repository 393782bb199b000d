import type { HubCore } from '#api/core/hub-core.ts';
import { JobName, type JobOutcome } from '#api/jobs/job-types.ts';
import { claimDueMessages, markMessageFailed, markMessageSent, type OutboxRow } from '#api/notifications/chat-outbox.ts';
import { queueUpdateDeliveries } from '#api/notifications/queue-update-deliveries.ts';
import { queueUploaderNotices } from '#api/notifications/queue-uploader-notices.ts';
import { recordUpdateDelivery } from '#api/updates/publish-community-update.ts';
import { ChatSendError, type ChatPlatform } from './shared/chat-adapter.ts';
import { BlockStyle, type ReplyBlock } from './shared/reply-block.ts';
import type { ChatAdapters } from './start-chat-adapters.ts';

/** How often the sender looks for due messages and new uploader notices when nothing woke it. */
const DEFAULT_POLL_MS = 10_000;
/** Messages taken per round; more follow at once when the round was full. */
const BATCH = 20;
const PLATFORMS: readonly ChatPlatform[] = ['telegram', 'discord', 'matrix'];

export interface ChatDelivery {
  /** Looks for due messages now (after a job queued some). */
  wake(): void;
  /** Runs a round now and resolves when it is done (after the one in progress, if any). */
  flush(): Promise<void>;
  /** Waits for the round in progress, then stops looking. */
  stop(): Promise<void>;
}

/**
 * The hub's outgoing chat messages: consumes `deliver-community-update` jobs (queued when a moderator
 * publishes an update) by queueing one outbox message per subscribed chat, and sends the outbox,
 * uploader notices included, through each platform's rate-aware send queue. Each message is recorded
 * per chat (sent, retried with the wait the platform asked for, or given up with the reason), and a
 * chat gets an update once even when the job runs twice.
 */
export async function deliverCommunityUpdates(core: HubCore, chat: ChatAdapters, options: { pollMs?: number } = {}): Promise<ChatDelivery> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const logger = core.logger.child({ part: 'chat-delivery' });
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let again = false;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(wake, delayMs).unref();
  };
  function wake(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = runRounds()
      .catch((error: unknown) => logger.error({ err: error }, 'chat delivery round failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
        } else schedule(pollMs);
      });
  }
  async function runRounds(): Promise<void> {
    await queueUploaderNotices(core.db);
    for (;;) {
      const connected = PLATFORMS.filter((platform) => chat.adapter(platform));
      const rows = await claimDueMessages(core.db, connected, BATCH);
      await Promise.all(rows.map((row) => sendOne(core, chat, row, logger)));
      if (rows.length < BATCH || stopped) return;
    }
  }

  await core.jobs.work(JobName.deliverCommunityUpdate, async ({ updateId }): Promise<JobOutcome> => {
    const result = await queueUpdateDeliveries(core.db, updateId);
    if (!result.found) return { status: 'skipped', reason: 'the update no longer exists' };
    wake();
    return { status: 'done', detail: { chats: result.chats, queuedNow: result.queued } };
  });
  wake();
  return {
    wake,
    async flush() {
      while (running) await running;
      await runRounds();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

async function sendOne(core: HubCore, chat: ChatAdapters, row: OutboxRow, logger: HubCore['logger']): Promise<void> {
  const adapter = chat.adapter(row.platform);
  const chatKey = `${row.platform}:${row.chatId}`;
  const report = (outcome: string) => (row.kind === 'community-update' && row.referenceId ? recordUpdateDelivery(core, row.referenceId, chatKey, outcome) : Promise.resolve());
  try {
    if (!adapter) throw new ChatSendError(`${row.platform} is not connected`, { permanent: false });
    await adapter.post(row.chatId, toBlocks(row.message), { idempotencyKey: row.id });
    await markMessageSent(core.db, row.id);
    await report('sent');
  } catch (error) {
    const failure = error instanceof ChatSendError ? error : new ChatSendError(error instanceof Error ? error.message : String(error), { permanent: false, cause: error });
    const state = await markMessageFailed(core.db, row, { reason: failure.message, permanent: failure.permanent, retryAfterMs: failure.retryAfterMs });
    await report(`${state === 'failed' ? 'failed' : 'retrying'}: ${failure.message}`);
    logger.warn({ err: failure, chat: chatKey, kind: row.kind, attempt: row.attempts, state }, state === 'failed' ? 'gave up sending a chat message' : 'chat message not sent yet; will retry');
  }
}

function toBlocks(message: OutboxRow['message']): ReplyBlock[] {
  return [...(message.heading ? [{ style: BlockStyle.heading, text: message.heading }] : []), { style: BlockStyle.text, text: message.text }];
}
