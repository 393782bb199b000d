import type { HubCore } from '../core/hub-core.ts';
import { answerQuestion } from '../rag/answer-question.ts';
import type { AnswerResult, AnswerStreamEvent, AskInput, Citation } from '../rag/answer-types.ts';
import { streamAnswer } from '../rag/stream-answer.ts';
import { linkCitedOriginals, type CitedOriginal } from './link-cited-originals.ts';
import type { WebCommunity } from './web-access.ts';
import { claimOrWait, completeSubmission, releaseSubmission } from './web-submissions.ts';

/** How long a repeat waits for the first send of the same question to finish before a 409. */
const WAIT_FOR_FIRST_SEND_MS = 60_000;

export interface WebQuestion {
  /** The id the page gave the question when it queued it. */
  id: string;
  question: string;
  community: WebCommunity | null;
}

type ResultRecord = Record<string, unknown>;

/** The answer as the page gets it: citations know their original file; `repeated` on a replay. */
export type WebAnswer = Omit<AnswerResult, 'citations'> & { citations: Array<Citation & { original: CitedOriginal | null }>; repeated?: boolean };

/**
 * Use for a question from the members' page that wants one JSON result: answered once per id (channel
 * `web` in the question log); a repeat returns the first answer.
 */
export async function answerWebQuestion(core: HubCore, question: WebQuestion): Promise<WebAnswer> {
  const claim = await claimOrWait(core.db, keyOf(question), WAIT_FOR_FIRST_SEND_MS);
  if (claim.state === 'done') return { ...(claim.result as unknown as WebAnswer), repeated: true };
  try {
    const answer = await answerQuestion(core.rag, askInput(question));
    const result: WebAnswer = { ...answer, citations: await linkCitedOriginals(core.db, answer.citations) };
    await completeSubmission(core.db, question.id, result as unknown as ResultRecord);
    return result;
  } catch (error) {
    await releaseSubmission(core.db, question.id);
    throw error;
  }
}

/**
 * Use for a question from the members' page that is shown while it is written: the same events as
 * POST /api/ask. A repeat gets the stored answer as `sources`, one `token` and `done`. If the page goes
 * away mid-answer the answer is still finished and stored, so its next send gets it at once.
 */
export async function* streamWebQuestion(core: HubCore, question: WebQuestion): AsyncGenerator<AnswerStreamEvent | { type: string; [key: string]: unknown }> {
  const claim = await claimOrWait(core.db, keyOf(question), WAIT_FOR_FIRST_SEND_MS);
  if (claim.state === 'done') {
    yield* replay(claim.result);
    return;
  }
  const events = streamAnswer(core.rag, askInput(question));
  let finished = false;
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) break;
      const event = await withLinkedOriginals(core, next.value);
      if (event.type === 'done') {
        await completeSubmission(core.db, question.id, event.result as unknown as ResultRecord);
        finished = true;
      }
      yield event;
    }
  } finally {
    if (!finished) finished = await finishUnwatched(core, question.id, events);
    if (!finished) await releaseSubmission(core.db, question.id);
  }
}

/** The page stopped listening (or the stream failed): run the answer to its end and store it. */
async function finishUnwatched(core: HubCore, id: string, events: AsyncGenerator<AnswerStreamEvent>): Promise<boolean> {
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) return false;
      const event = await withLinkedOriginals(core, next.value);
      if (event.type === 'done') {
        await completeSubmission(core.db, id, event.result as unknown as ResultRecord);
        return true;
      }
    }
  } catch (error) {
    core.logger.warn({ err: error, submission: id }, 'a web question failed after its page stopped listening; the next send answers it again');
    return false;
  }
}

/** Citations in `sources` and `done` get the link to their original file. */
async function withLinkedOriginals(core: HubCore, event: AnswerStreamEvent): Promise<AnswerStreamEvent> {
  if (event.type === 'sources') return { ...event, citations: await linkCitedOriginals(core.db, event.citations) };
  if (event.type === 'done') return { ...event, result: { ...event.result, citations: await linkCitedOriginals(core.db, event.result.citations) } };
  return event;
}

function* replay(result: ResultRecord) {
  yield { type: 'sources', citations: Array.isArray(result.citations) ? result.citations : [] };
  yield { type: 'token', text: typeof result.answer === 'string' ? result.answer : '' };
  yield { type: 'done', result: { ...result, repeated: true } };
}

function keyOf(question: WebQuestion) {
  return { id: question.id, kind: 'question' as const, communityId: question.community?.id ?? null };
}

function askInput(question: WebQuestion): AskInput {
  return { question: question.question, communityId: question.community?.id ?? null, channel: 'web' };
}
