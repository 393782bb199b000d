import { type MatrixClient, MatrixEvent, type Room } from 'matrix-js-sdk';
import type { Logger } from '#api/logging/create-logger.ts';
import type { HandleFeedback } from '../shared/chat-adapter.ts';
import { THUMBS_DOWN, THUMBS_UP } from '../shared/feedback-token.ts';

/** Custom field on the bot's answer events: which question_log row a reaction to them votes on. */
export const QUESTION_ID_FIELD = 'org.community-hub.question_id';

/** Emoji people use for "helped" / "did not help", with and without the variation selector. */
const HELPFUL = new Set([THUMBS_UP, '👍️', '+1']);
const NOT_HELPFUL = new Set([THUMBS_DOWN, '👎️', '-1']);

/**
 * A 👍 or 👎 reaction to one of the bot's answers: recorded as that person's vote (the latest reaction
 * wins). The answer's event carries its question id, so nothing needs remembering across restarts.
 */
export async function recordMatrixReaction(event: MatrixEvent, room: Room, deps: { client: MatrixClient; botUserId: string; vote: HandleFeedback; logger: Logger }): Promise<void> {
  const relation = event.getContent()['m.relates_to'] as { rel_type?: string; event_id?: string; key?: string } | undefined;
  if (relation?.rel_type !== 'm.annotation' || !relation.event_id || !relation.key) return;
  const helpful = HELPFUL.has(relation.key) ? true : NOT_HELPFUL.has(relation.key) ? false : null;
  if (helpful === null) return;
  const answer = room.findEventById(relation.event_id) ?? (await fetchEvent(deps.client, room.roomId, relation.event_id));
  if (!answer || answer.getSender() !== deps.botUserId) return;
  const questionId = answer.getContent()[QUESTION_ID_FIELD];
  if (typeof questionId !== 'string') return;
  await deps.vote({ platform: 'matrix', questionId, voterId: event.getSender()!, helpful }).catch((error: unknown) => deps.logger.error({ err: error }, 'could not record feedback'));
}

/** An answer from before this run is not in memory: fetch it (and decrypt it in an encrypted room). */
async function fetchEvent(client: MatrixClient, roomId: string, eventId: string): Promise<MatrixEvent | null> {
  try {
    const event = new MatrixEvent(await client.fetchRoomEvent(roomId, eventId));
    if (event.isEncrypted()) await client.decryptEventIfNeeded(event);
    return event;
  } catch {
    return null;
  }
}
