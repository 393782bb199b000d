import type { DocumentView } from '#api/routes/document-view.ts';
import type { z } from 'zod';
import type { answerView } from '#api/routes/ask-routes.ts';

export type AnswerView = z.infer<typeof answerView>;

/**
 * What the CLI needs from a hub, whether it runs in this process or is already running elsewhere
 * (the embedded database has one owner: then the CLI talks to that hub over HTTP).
 */
export interface HubGateway {
  /** For people: where the work happens. */
  readonly description: string;
  upload(file: { bytes: Uint8Array; filename: string }, options: { community?: string; title?: string }): Promise<{ document: DocumentView; duplicate: boolean }>;
  getDocument(id: string): Promise<DocumentView>;
  ask(question: string, community?: string): Promise<AnswerView>;
  close(): Promise<void>;
}
