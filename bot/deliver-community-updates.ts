import type { HubCore } from '#api/core/hub-core.ts';
import { JobName, type JobOutcome } from '#api/jobs/job-types.ts';
import { findUpdateRecipients } from '#api/updates/find-update-recipients.ts';
import { recordUpdateDelivery } from '#api/updates/publish-community-update.ts';
import { BlockStyle, type ReplyBlock } from './shared/render-reply.ts';
import type { ChatAdapters } from './start-chat-adapters.ts';

/** Marker of a delivered chat in `community_updates.deliveries`; anything else is retried. */
const SENT = 'sent';

/**
 * Consumes `deliver-community-update` jobs (queued when a moderator publishes an update): posts the
 * update to each chat of its community. Chats already served are skipped, so a retry after a platform
 * outage only sends what is missing; the job is retried while some chat could not be reached.
 */
export async function deliverCommunityUpdates(core: HubCore, chat: ChatAdapters): Promise<void> {
  await core.jobs.work(JobName.deliverCommunityUpdate, async ({ updateId }): Promise<JobOutcome> => {
    const delivery = await findUpdateRecipients(core.db, updateId);
    if (!delivery) return { status: 'skipped', reason: 'the update no longer exists' };
    const blocks: ReplyBlock[] = [
      { style: BlockStyle.heading, text: delivery.update.title },
      { style: BlockStyle.text, text: delivery.update.body },
    ];
    let missing = 0;
    for (const target of delivery.chats) {
      if (delivery.update.deliveries[target.key] === SENT) continue;
      const adapter = chat.adapter(target.platform);
      const outcome = adapter
        ? await adapter.post(target.chatId, blocks).then(() => SENT, (error: unknown) => `failed: ${(error as Error).message}`)
        : `waiting: ${target.platform} is not connected`;
      if (outcome !== SENT) missing++;
      await recordUpdateDelivery(core, updateId, target.key, outcome);
    }
    if (missing > 0) throw new Error(`${missing} chat(s) not reached yet; retrying`);
    return { status: 'done', detail: { chats: delivery.chats.length } };
  });
}
