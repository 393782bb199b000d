import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../errors/app-error.ts';
import { UnreadableReason } from './extracted-document.ts';
import { describeUnreadableReason, unreadableDocument, unreadableReasonOf } from './unreadable-reason.ts';

describe('unreadable reasons', () => {
  it('give a moderator a sentence to act on for every reason', () => {
    for (const reason of Object.values(UnreadableReason)) expect(describeUnreadableReason(reason).length).toBeGreaterThan(30);
    expect(describeUnreadableReason(UnreadableReason.encrypted)).toBe('encrypted document: send it again without a password');
    expect(describeUnreadableReason(UnreadableReason.tooManyPages, { limit: 500, actual: 812 })).toBe('page limit 500 exceeded (812 pages): split the document into smaller parts');
  });

  it('travel as AppErrors with the reason in details, the HTTP-relevant code and the cause', () => {
    const cause = new Error('PasswordException');
    const error = unreadableDocument(UnreadableReason.encrypted, {}, cause);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: ErrorCode.documentUnreadable, details: { reason: 'encrypted' }, cause });
    expect(unreadableDocument(UnreadableReason.tooLarge).code).toBe(ErrorCode.payloadTooLarge);
    expect(unreadableDocument(UnreadableReason.unsupportedType).code).toBe(ErrorCode.unsupportedType);
    expect(unreadableReasonOf(error)).toBe('encrypted');
    expect(unreadableReasonOf(new Error('other'))).toBeUndefined();
  });
});
