import type { Answer, Citation } from '../api/answer-types.ts';
import { HubError, HubUnreachable, hubFetch } from '../api/hub-client.ts';
import { readEventStream } from '../api/read-event-stream.ts';
import type { Entry, QuestionEntry, UploadEntry } from '../store/entries.ts';

/** What is shown while an entry is on its way: the answer as it is written. */
export interface LiveProgress {
  phase: 'sending' | 'writing';
  text: string;
  citations: Citation[];
}

export type SendOutcome =
  /** The hub confirmed it: the entry is finished (done, or failed when the hub refused it for good). */
  | { kind: 'finished'; entry: Entry }
  /** Not confirmed: keep it queued and send it again later. */
  | { kind: 'later' }
  /** The hub wants its token or the community's code first. */
  | { kind: 'access'; error: HubError };

/**
 * Sends one queued entry with its id, so a second send of the same entry (after a lost answer) gets
 * the first result back instead of a second answer.
 */
export async function sendEntry(entry: Entry, onProgress: (progress: LiveProgress) => void): Promise<SendOutcome> {
  try {
    return entry.kind === 'question' ? await sendQuestion(entry, onProgress) : await sendUpload(entry);
  } catch (error) {
    if (error instanceof HubUnreachable) return { kind: 'later' };
    if (error instanceof HubError) {
      if (error.status === 401 || error.status === 403) return { kind: 'access', error };
      // 409: an earlier send is still being answered; 5xx: the hub is up but a part of it is not.
      if (error.status === 409 && error.details.reason === 'busy') return { kind: 'later' };
      if (error.status >= 500) return { kind: 'later' };
      return { kind: 'finished', entry: { ...entry, state: 'failed', error: error.message } };
    }
    throw error;
  }
}

async function sendQuestion(entry: QuestionEntry, onProgress: (progress: LiveProgress) => void): Promise<SendOutcome> {
  onProgress({ phase: 'sending', text: '', citations: [] });
  const response = await hubFetch(`/api/web/questions/${entry.id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ question: entry.question, ...(entry.community ? { community: entry.community } : {}) }),
  });
  if (!response.body) return { kind: 'later' };
  const live: LiveProgress = { phase: 'writing', text: '', citations: [] };
  try {
    for await (const event of readEventStream(response.body)) {
      if (event.type === 'sources') live.citations = (event.citations as Citation[] | undefined) ?? [];
      else if (event.type === 'token') live.text += String(event.text ?? '');
      else if (event.type === 'restart') live.text = '';
      else if (event.type === 'done') return { kind: 'finished', entry: { ...entry, state: 'done', answer: event.result as Answer, error: undefined } };
      else if (event.type === 'error') return { kind: 'finished', entry: { ...entry, state: 'failed', error: String(event.message ?? '') } };
      onProgress({ ...live });
    }
  } catch {
    // The connection dropped mid-answer: the hub finishes it anyway, and the next send gets it.
  }
  return { kind: 'later' };
}

async function sendUpload(entry: UploadEntry): Promise<SendOutcome> {
  if (!entry.file) return { kind: 'finished', entry: { ...entry, state: 'failed', error: 'The file is no longer on this device.' } };
  const form = new FormData();
  if (entry.community) form.append('community', entry.community);
  form.append('file', entry.file, entry.filename);
  const response = await hubFetch(`/api/web/uploads/${entry.id}`, { method: 'PUT', body: form });
  const receipt = (await response.json()) as { documentId: string; status: string; duplicate: boolean };
  return { kind: 'finished', entry: { ...entry, state: 'done', file: undefined, error: undefined, receipt: { documentId: receipt.documentId, status: receipt.status, duplicate: receipt.duplicate } } };
}
