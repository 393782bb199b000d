import type { ExtractedDocument, ExtractionProgress } from '../extracted-document.ts';
import type { ChildJob } from '../extraction-request.ts';

/** Parent to child: the only message, sent once. */
export interface ExtractMessage {
  type: 'extract';
  job: ChildJob;
}

/** An error as it crosses IPC: AppError fields plus the message of its cause, for the logs. */
export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  cause?: { name: string; message: string };
}

/** Child to parent: any number of progress messages, then exactly one result or failure. */
export type ChildMessage =
  | { type: 'progress'; progress: ExtractionProgress }
  | { type: 'result'; document: ExtractedDocument }
  | { type: 'failure'; error: SerializedError };
