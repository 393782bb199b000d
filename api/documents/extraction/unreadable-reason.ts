import { AppError, ErrorCode } from '../../errors/app-error.ts';
import { UnreadableReason } from './extracted-document.ts';

/** What a limit was and how big the file was, so the message can name both. */
export interface ReasonContext {
  limit?: number | string;
  actual?: number | string;
  /** Extra words for the moderator, e.g. which npm package to install. */
  hint?: string;
}

type MessageBuilder = (context: ReasonContext) => string;

const withHint = (text: string, context: ReasonContext) => (context.hint ? `${text} (${context.hint})` : text);

/** Bytes as a short human figure for messages ("200 MB"). */
export function formatBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  return mebibytes >= 1 ? `${Math.round(mebibytes)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/** One sentence per reason that tells a moderator what to do next. */
const messageByReason: Record<UnreadableReason, MessageBuilder> = {
  [UnreadableReason.encrypted]: (c) => withHint('encrypted document: send it again without a password', c),
  [UnreadableReason.damaged]: (c) =>
    withHint('damaged or truncated file: open it on a computer, save or export it again, and resend it', c),
  [UnreadableReason.empty]: (c) =>
    withHint('no readable text in the file: check that it is not empty, blank or only pictures, and send it again', c),
  [UnreadableReason.tooManyPages]: (c) =>
    withHint(`page limit ${c.limit ?? ''} exceeded${c.actual ? ` (${c.actual} pages)` : ''}: split the document into smaller parts`, c),
  [UnreadableReason.tooLarge]: (c) =>
    withHint(`too large${c.limit ? ` (limit ${c.limit}${c.actual ? `, this file ${c.actual}` : ''})` : ''}: send a smaller or split copy`, c),
  [UnreadableReason.unsupportedType]: (c) =>
    withHint('unsupported file type: send a PDF, an image, an office document, plain text, Markdown or HTML', c),
  [UnreadableReason.timeout]: (c) =>
    withHint(`processing took longer than ${c.limit ?? 'the time limit'}: split the document or retry on a local instance`, c),
  [UnreadableReason.outOfMemory]: (c) =>
    withHint(`processing needed more than ${c.limit ?? 'the memory limit'}: split the document or lower its image resolution`, c),
  [UnreadableReason.converterMissing]: (c) =>
    withHint('a converter this file needs is not installed on this instance: ask the operator to run `hub doctor`', c),
};

/** The error code a reason travels with: size limits are 413, unknown formats 415, the rest 422. */
const codeByReason: Partial<Record<UnreadableReason, ErrorCode>> = {
  [UnreadableReason.tooLarge]: ErrorCode.payloadTooLarge,
  [UnreadableReason.unsupportedType]: ErrorCode.unsupportedType,
};

/** The moderator-facing sentence for a reason. */
export function describeUnreadableReason(reason: UnreadableReason, context: ReasonContext = {}): string {
  return messageByReason[reason](context);
}

/** Builds the typed error for a file the hub cannot read; keep the low-level error as `cause`. */
export function unreadableDocument(reason: UnreadableReason, context: ReasonContext = {}, cause?: unknown): AppError {
  const code = codeByReason[reason] ?? ErrorCode.documentUnreadable;
  const details: Record<string, unknown> = { reason };
  if (context.limit !== undefined) details.limit = context.limit;
  if (context.actual !== undefined) details.actual = context.actual;
  return new AppError(code, describeUnreadableReason(reason, context), { cause, details });
}

/** The reason carried by an error from this module, or undefined for any other error. */
export function unreadableReasonOf(error: unknown): UnreadableReason | undefined {
  if (!(error instanceof AppError)) return undefined;
  const reason = error.details?.reason;
  const known: readonly string[] = Object.values(UnreadableReason);
  return typeof reason === 'string' && known.includes(reason) ? (reason as UnreadableReason) : undefined;
}
