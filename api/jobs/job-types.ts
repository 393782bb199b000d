import type { ProcessingMode } from '../documents/extraction/extracted-document.ts';

/** Every background job the hub runs, with its payload. Producers live in api/, handlers in workers/. */
export const JobName = {
  processDocument: 'process-document',
  reembedChunks: 'reembed-chunks',
  deliverCommunityUpdate: 'deliver-community-update',
  syncRound: 'sync-round',
  applySyncFollowups: 'apply-sync-followups',
} as const;
export type JobName = (typeof JobName)[keyof typeof JobName];

export interface JobPayloads {
  [JobName.processDocument]: { documentId: string; mode?: ProcessingMode };
  [JobName.reembedChunks]: { reason: string };
  [JobName.deliverCommunityUpdate]: { updateId: string };
  [JobName.syncRound]: { reason: string };
  [JobName.applySyncFollowups]: { reason: string };
}

/** What a handler reports back; `failed` means the input was bad and retrying will not help. */
export type JobOutcome = { status: 'done'; detail?: Record<string, unknown> } | { status: 'skipped' | 'failed'; reason: string };
