import { findCommunity } from '#api/communities/ensure-community.ts';
import type { HubCore } from '#api/core/hub-core.ts';
import { findDocument } from '#api/documents/document-repository.ts';
import { uploadDocument } from '#api/documents/upload-document.ts';
import { notFound } from '#api/errors/app-error.ts';
import { answerQuestion } from '#api/rag/answer-question.ts';
import { toDocumentView } from '#api/routes/document-view.ts';
import type { HubGateway } from './hub-gateway.ts';

/** The hub running inside the CLI process (its workers too, when asked to process uploads). */
export function createInProcessGateway(core: HubCore): HubGateway {
  return {
    description: `this process (${core.database.engine} at ${core.database.location})`,
    async upload(file, options) {
      const result = await uploadDocument(core, {
        bytes: file.bytes,
        filename: file.filename,
        community: options.community ?? null,
        title: options.title ?? null,
        uploader: { via: 'cli', role: 'trusted', label: 'cli' },
      });
      return { document: toDocumentView(result.document), duplicate: result.duplicate };
    },
    async getDocument(id) {
      const row = await findDocument(core.db, id);
      if (!row) throw notFound(`No document with id ${id}.`);
      return toDocumentView(row);
    },
    async ask(question, community) {
      const found = community ? await findCommunity(core.db, community) : null;
      return answerQuestion(core.rag, { question, communityId: found?.id ?? null, channel: 'cli' });
    },
    close: () => core.close(),
  };
}
