import type { ResourceWithOptions } from 'adminjs';
import { sql } from 'drizzle-orm';
import type { HubCore } from '#api/core/hub-core.ts';
import { documents } from '#api/db/schema/index.ts';
import { approveDocument, rejectDocument, reprocessDocument } from '#api/documents/moderate-document.ts';
import { ProcessingMode } from '#api/documents/extraction/extracted-document.ts';
import { invalidInput } from '#api/errors/app-error.ts';
import { DrizzleResource } from '../adapter/drizzle-resource.ts';
import type { AdminComponents } from '../panel/admin-components.ts';
import { builtInActionAccess } from './resource-access.ts';
import { useCaseAction } from './use-case-action.ts';

/** Enough of the text to judge an upload; the whole content can be megabytes. */
const EXCERPT_CHARS = 2_000;

const REPROCESSABLE = new Set(['ready', 'failed']);

/**
 * Documents for moderation: filters by status, community and kind; the detail shows an excerpt, the
 * number of sections and the error; Approve, Reject and Reprocess call the core. Content and sections
 * are never loaded whole and never edited here.
 */
export function documentsResource(core: HubCore, components: AdminComponents): ResourceWithOptions {
  const resource = new DrizzleResource(core.db, documents, {
    omit: ['content', 'sections'],
    computed: {
      contentExcerpt: { sql: sql`left(${documents.content}, ${sql.raw(String(EXCERPT_CHARS))})`, type: 'textarea' },
      contentChars: { sql: sql`length(${documents.content})`, type: 'number' },
      sectionsCount: { sql: sql`case when jsonb_typeof(${documents.sections}) = 'array' then jsonb_array_length(${documents.sections}) end`, type: 'number' },
    },
  });
  const isFile = (params: Record<string, unknown>) => params.kind === 'file';
  return {
    resource,
    options: {
      navigation: { name: 'Moderation', icon: 'Shield' },
      titleProperty: 'filename',
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['filename', 'status', 'kind', 'communityId', 'fileType', 'uploadedVia', 'createdAt'],
      filterProperties: ['status', 'communityId', 'kind', 'filename', 'title', 'fileType', 'uploadedVia', 'needsFullProcessing', 'createdAt'],
      showProperties: [
        'filename', 'title', 'status', 'errorReason', 'errorCode', 'kind', 'communityId', 'uploadedVia', 'uploaderMemberId',
        'approvedBy', 'approvedAt', 'fileType', 'mimeType', 'sizeBytes', 'pageCount', 'language', 'category', 'tags',
        'processingMode', 'needsFullProcessing', 'processedAt', 'sectionsCount', 'contentChars', 'contentExcerpt',
        'progress', 'metadata', 'sha256', 'revision', 'originInstance', 'createdAt', 'updatedAt', 'id',
      ],
      properties: {
        contentExcerpt: { description: `The first ${EXCERPT_CHARS} characters of the extracted text.` },
      },
      actions: {
        ...builtInActionAccess(resource),
        approve: useCaseAction({
          icon: 'Check',
          guard: 'Approve this document? It will be processed and then answer questions.',
          isVisible: (params) => params.status === 'pending_review',
          run: (id, moderator) => approveDocument(core, id, moderator),
          success: 'Approved: the document is queued for processing.',
        }),
        reject: useCaseAction({
          icon: 'X',
          component: components.RejectDocumentForm,
          isVisible: (params) => params.status !== 'rejected',
          run: (id, moderator, payload) => {
            const reason = typeof payload.reason === 'string' ? payload.reason.trim() : '';
            if (!reason) throw invalidInput('Give a reason for rejecting the document.');
            return rejectDocument(core, id, moderator, reason);
          },
          success: 'Rejected: the document is no longer searchable.',
        }),
        reprocessBasic: useCaseAction({
          icon: 'RefreshCw',
          guard: 'Process this document again with basic extraction (text only, no OCR)?',
          isVisible: (params) => isFile(params) && REPROCESSABLE.has(String(params.status)),
          run: (id) => reprocessDocument(core, id, ProcessingMode.cloudSimple),
          success: 'Queued for basic processing.',
        }),
        reprocessFull: useCaseAction({
          icon: 'RefreshCcw',
          guard: 'Process this document again with full extraction (OCR, office conversion)? This takes longer.',
          isVisible: (params) => isFile(params) && REPROCESSABLE.has(String(params.status)),
          run: (id) => reprocessDocument(core, id, ProcessingMode.localFull),
          success: 'Queued for full processing.',
        }),
      },
    },
  };
}
