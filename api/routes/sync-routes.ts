import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { and, eq } from 'drizzle-orm';
import type { HubCore } from '../core/hub-core.ts';
import { documents } from '../db/schema/index.ts';
import { findDocument } from '../documents/document-repository.ts';
import { AppError, ErrorCode, invalidInput, notFound } from '../errors/app-error.ts';
import { JobName } from '../jobs/job-types.ts';
import { applyChanges } from '../sync/apply-changes.ts';
import { readInstanceId } from '../sync/instance-id.ts';
import { countUnprocessedDocuments, leaseUnprocessedDocuments, mayDeliverProcessed, releaseLease } from '../sync/lease-unprocessed.ts';
import { missingRawFiles } from '../sync/missing-raw-files.ts';
import { readChangeFeed } from '../sync/read-change-feed.ts';
import { recordPeerVisit } from '../sync/record-peer-visit.ts';
import { storeRawStream } from '../sync/store-raw-stream.ts';
import { indexingModel, prepareForReceivedChunks, storeReceivedChunks } from '../sync/store-received-chunks.ts';
import { syncChangeSchema } from '../sync/sync-change.ts';
import { syncKeyRefused, verifySyncKey, type VerifiedSyncKey } from '../sync/sync-keys.ts';
import { peerStatusSchema } from '../sync/sync-wire.ts';
import { errorResponses } from './error-view.ts';

/** Largest push or processed-document body: a batch is cut by the sender to stay well below it. */
export const SYNC_BODY_LIMIT = 32 * 1024 * 1024;
/** A pull page stops growing past this many bytes of snapshots (the cloud never builds a huge page). */
const PULL_PAGE_BYTES = 4 * 1024 * 1024;
const INSTANCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SyncPeer extends VerifiedSyncKey {
  instanceId: string;
}

const applyOutcome = z.object({
  applied: z.array(z.string()),
  alreadyApplied: z.array(z.string()),
  conflicts: z.array(z.object({ changeId: z.string(), conflictId: z.string() })),
  parked: z.array(z.object({ changeId: z.string(), reason: z.string() })),
});
const leasedDocument = z.object({
  id: z.string(), filename: z.string(), fileType: z.string(), sizeBytes: z.number(), sha256: z.string(), createdAt: z.string(), leaseExpiresAt: z.string(),
});
const idParams = z.object({ id: z.uuid() });

/**
 * The sync API under /api/sync: what another instance calls to exchange changes and fully processed
 * documents with this one. Every route needs a sync key (`hub sync-key create`) and the caller's
 * instance id; a wrong, missing or revoked key, or a key bound to another instance, gets 401.
 */
export const syncRoutes: FastifyPluginAsyncZod<{ core: HubCore }> = async (app, { core }) => {
  const peers = new WeakMap<FastifyRequest, SyncPeer>();
  const peerOf = (request: FastifyRequest) => peers.get(request)!;

  app.addHook('onRequest', async (request) => {
    const key = /^bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const instance = request.headers['x-hub-instance'];
    if (typeof instance !== 'string' || !INSTANCE_ID.test(instance)) throw syncKeyRefused();
    const verified = await verifySyncKey(core.db, key, instance.toLowerCase());
    if (!verified) {
      request.log.warn({ instance }, 'sync request refused: wrong, revoked or foreign key');
      throw syncKeyRefused();
    }
    peers.set(request, { ...verified, instanceId: instance.toLowerCase() });
  });
  // Raw files arrive as a stream and go straight to disk.
  app.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));

  app.get('/info', {
    schema: {
      summary: 'Who this instance is: its id, mode and embedding model',
      response: {
        200: z.object({ instanceId: z.string(), deploymentMode: z.string(), embeddingModel: z.string(), unprocessedDocuments: z.number() }),
        ...errorResponses(401),
      },
    },
  }, async () => ({
    instanceId: await readInstanceId(core.db),
    deploymentMode: core.config.DEPLOYMENT_MODE,
    embeddingModel: indexingModel(core.rag),
    unprocessedDocuments: await countUnprocessedDocuments(core.db),
  }));

  app.get('/pull', {
    schema: {
      summary: 'Changes after a cursor (a position in this instance\'s change feed), with the next cursor',
      querystring: z.object({ cursor: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(5000).default(500) }),
      response: {
        200: z.object({ serverInstanceId: z.string(), changes: z.array(syncChangeSchema), nextCursor: z.number(), remaining: z.number() }),
        ...errorResponses(400, 401),
      },
    },
  }, async (request) => {
    const peer = peerOf(request);
    await recordPeerVisit(core.db, peer, { pulledSeq: request.query.cursor });
    const page = await readChangeFeed(core.db, { after: request.query.cursor, limit: request.query.limit, maxBytes: PULL_PAGE_BYTES, reader: peer.instanceId, shareQuestions: core.config.SYNC_QUESTION_LOG });
    return { serverInstanceId: await readInstanceId(core.db), ...page };
  });

  app.post('/push', {
    bodyLimit: SYNC_BODY_LIMIT,
    schema: {
      summary: 'A batch of changes from the calling instance; answered with what was applied, already applied, in conflict or parked',
      body: z.object({ changes: z.array(syncChangeSchema).max(5000), status: peerStatusSchema.optional() }),
      response: { 200: applyOutcome.extend({ missingFiles: z.array(z.string()) }), ...errorResponses(400, 401, 413) },
    },
  }, async (request) => {
    const peer = peerOf(request);
    await recordPeerVisit(core.db, peer, { reported: request.body.status });
    await prepareForReceivedChunks(core.rag, request.body.changes);
    const outcome = await applyChanges(
      core.db,
      request.body.changes.map((change) => ({ change, from: peer.instanceId })),
      { afterApply: (tx, applied) => storeReceivedChunks(tx, core.rag, applied) },
    );
    if (outcome.applied.length + outcome.conflicts.length > 0) await core.jobs.send(JobName.applySyncFollowups, { reason: 'push' }, { key: 'sync-followups' });
    return { ...outcome, missingFiles: await missingRawFiles(core, request.body.changes) };
  });

  app.get('/documents/unprocessed', {
    schema: {
      summary: 'Documents that need full processing (OCR, office conversion), oldest first, leased to the caller',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(50).default(5) }),
      response: { 200: z.object({ documents: z.array(leasedDocument) }), ...errorResponses(401) },
    },
  }, async (request) => ({ documents: await leaseUnprocessedDocuments(core.db, peerOf(request).instanceId, request.query.limit) }));

  app.get('/documents/:id/raw', {
    schema: { summary: 'The original bytes of a document; the X-Content-SHA256 header carries their hash', params: idParams },
  }, async (request, reply) => {
    const document = await findDocument(core.db, request.params.id);
    if (!document || document.kind !== 'file') throw notFound(`No document with id ${request.params.id}.`);
    if (!(await core.files.exists(document.rawFileKey))) throw notFound(`This instance does not hold the original of ${request.params.id}.`);
    return reply
      .header('content-type', 'application/octet-stream')
      .header('x-content-sha256', document.sha256)
      .header('content-length', document.sizeBytes)
      .send(createReadStream(core.files.pathOf(document.rawFileKey)));
  });

  app.put('/files/:sha256', {
    bodyLimit: core.config.UPLOAD_MAX_BYTES,
    schema: {
      summary: 'The original bytes of a document this instance lacks (streamed, kept only if they hash as named)',
      params: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
      response: { 201: z.object({ stored: z.string() }), ...errorResponses(400, 401, 404, 413) },
    },
  }, async (request, reply) => {
    if (!(await referencedHere(core, request.params.sha256))) {
      throw notFound('No document here has these bytes: only originals of synced documents are accepted.');
    }
    const stored = await storeRawStream(core.files, request.body as Readable, request.params.sha256, core.config.UPLOAD_MAX_BYTES);
    return reply.status(201).send({ stored });
  });

  app.post('/documents/:id/processed', {
    bodyLimit: SYNC_BODY_LIMIT,
    schema: {
      summary: 'The full processing result of a leased document: content, sections, and chunks with vectors when the models match',
      params: idParams,
      body: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), change: syncChangeSchema }),
      response: { 200: applyOutcome, ...errorResponses(400, 401, 404, 409, 413) },
    },
  }, async (request) => {
    const peer = peerOf(request);
    const { change, sha256 } = request.body;
    if (change.type !== 'document_content' || change.id !== request.params.id || change.deleted) {
      throw invalidInput('Expected the document_content version of this document.');
    }
    const document = await findDocument(core.db, request.params.id);
    if (!document || document.kind !== 'file') throw notFound(`No document with id ${request.params.id}.`);
    if (document.sha256 !== sha256) throw invalidInput('This result was made from other bytes than this document\'s original.');
    if (!(await mayDeliverProcessed(core.db, document.id, peer.instanceId))) {
      throw new AppError(ErrorCode.conflict, 'Another instance holds the lease on this document.');
    }
    await prepareForReceivedChunks(core.rag, [change]);
    const outcome = await applyChanges(core.db, [{ change, from: peer.instanceId }], { afterApply: (tx, applied) => storeReceivedChunks(tx, core.rag, applied) });
    await releaseLease(core.db, document.id);
    await core.jobs.send(JobName.applySyncFollowups, { reason: 'processed' }, { key: 'sync-followups' });
    return outcome;
  });
};

/** Only originals of documents this instance knows are accepted: a sync key is not a file drop. */
async function referencedHere(core: HubCore, sha256: string): Promise<boolean> {
  const [row] = await core.db.select({ id: documents.id }).from(documents).where(and(eq(documents.sha256, sha256), eq(documents.kind, 'file'))).limit(1);
  return Boolean(row);
}
