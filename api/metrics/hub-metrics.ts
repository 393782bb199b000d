import { sql } from 'drizzle-orm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { HubCore } from '../core/hub-core.ts';
import { queryRows } from '../db/database.ts';
import { readSyncStatus } from '../sync/sync-status.ts';
import { answerLatencyHistogram } from './answer-latency-histogram.ts';

/**
 * The hub's Prometheus metrics. Questions, documents and failures are counted from the database, not
 * in memory: with one process per role, answers are given by the api and bot processes and documents
 * parsed by workers, and any of them can be scraped for the whole instance's numbers. Process
 * figures (RSS, heap, event loop) are this process's own.
 */
export function createHubMetrics(core: HubCore): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hub_' });
  const { db } = core;

  new Counter({
    name: 'hub_questions_total',
    help: 'Questions answered, by the provider that answered (groq, ollama, extractive, none) and outcome',
    labelNames: ['provider', 'outcome'],
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ provider: string; answered: boolean; count: string }>(
        db,
        sql`SELECT provider, answered, count(*) AS count FROM question_log GROUP BY provider, answered`,
      );
      this.reset();
      for (const row of rows) this.inc({ provider: row.provider, outcome: row.answered ? 'answered' : 'not_found' }, Number(row.count));
    },
  });

  registry.registerMetric(answerLatencyHistogram(db));

  new Gauge({
    name: 'hub_documents',
    help: 'Documents by status; needs_full="true" counts those waiting for a local instance\'s full processing',
    labelNames: ['status', 'needs_full'],
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ status: string; needs_full: boolean; count: string }>(
        db,
        sql`SELECT status, needs_full_processing AS needs_full, count(*) AS count FROM documents WHERE kind = 'file' GROUP BY status, needs_full_processing`,
      );
      this.reset();
      for (const row of rows) this.set({ status: row.status, needs_full: String(row.needs_full) }, Number(row.count));
    },
  });

  new Gauge({
    name: 'hub_parser_failures',
    help: 'Documents whose processing failed, by error code (document_unreadable, payload_too_large, internal ...)',
    labelNames: ['code'],
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ code: string | null; count: string }>(
        db,
        sql`SELECT error_code AS code, count(*) AS count FROM documents WHERE status = 'failed' GROUP BY error_code`,
      );
      this.reset();
      for (const row of rows) this.set({ code: row.code ?? 'unknown' }, Number(row.count));
    },
  });

  new Gauge({
    name: 'hub_queue_jobs',
    help: 'Background jobs per queue and state (queued, active, failed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const depth of await core.jobs.depth()) {
        for (const state of ['queued', 'active', 'failed'] as const) this.set({ queue: depth.queue, state }, depth[state]);
      }
    },
  });

  new Gauge({
    name: 'hub_sync_lag_seconds',
    help: 'Seconds since the last successful sync: with the server (peer="server") on a local instance, with each paired instance on the server',
    labelNames: ['peer'],
    registers: [registry],
    async collect() {
      this.reset();
      const status = await readSyncStatus(core);
      const now = Date.now();
      if (status.mode !== 'standalone') this.set({ peer: 'server' }, secondsSince(status.lastSuccessAt, core.startedAt, now));
      for (const peer of status.peers) this.set({ peer: peer.name }, secondsSince(peer.lastSeenAt, core.startedAt, now));
    },
  });

  new Gauge({
    name: 'hub_sync_pending_changes',
    help: 'Changes waiting to sync: this instance\'s not yet acknowledged by the server (push), the server\'s not yet pulled (pull)',
    labelNames: ['direction'],
    registers: [registry],
    async collect() {
      this.reset();
      const status = await readSyncStatus(core);
      if (status.mode === 'standalone') return;
      this.set({ direction: 'push' }, status.pendingPush);
      if (status.pendingPull !== null) this.set({ direction: 'pull' }, status.pendingPull);
    },
  });
  return registry;
}

/** Never synced counts from the process start, so a hub that never reached its server shows a growing lag. */
function secondsSince(iso: string | null, startedAt: Date, now: number): number {
  const since = iso ? Date.parse(iso) : startedAt.getTime();
  return Math.max(0, Math.round((now - since) / 1000));
}
