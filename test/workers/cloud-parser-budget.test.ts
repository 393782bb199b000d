import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubCore } from '../../api/core/hub-core.ts';
import { documents } from '../../api/db/schema/index.ts';
import { processDocument } from '../../api/documents/process-document.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { makePdfBomb } from '../fixtures/make-fixtures.ts';
import { createTestCore } from '../support/test-core.ts';
import { testEngine } from '../support/test-database.ts';

describe(`a document over the cloud's parser budget on ${testEngine}`, () => {
  let core: HubCore;
  beforeAll(async () => {
    core = await createTestCore({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'budget-token-0123456789' });
  });
  afterAll(async () => core?.close());

  it('fails with the reason and is left needs_full_processing for a local instance (the issue\'s Flate bomb ended ready at 775 MB)', async () => {
    const { document } = await uploadDocument(core, { bytes: await makePdfBomb(300), filename: 'bomb.pdf', uploader: { via: 'api', role: 'trusted' } });
    const outcome = await processDocument(
      { config: core.config, db: core.db, files: core.files, logger: core.logger, indexDocument: async () => {} },
      { documentId: document.id, attempt: 0, finalAttempt: false },
    );
    expect(outcome.status).toBe('failed');
    const [row] = await core.db.select().from(documents).where(eq(documents.id, document.id));
    expect(row).toMatchObject({ status: 'failed', needsFullProcessing: true, errorCode: 'document_unreadable' });
    expect(row!.errorReason).toMatch(/more than 160 MB.*a local instance with full processing will take it/);
  }, 120_000);
});
