import type { HubConfig } from '../config/load-config.ts';
import type { DatabaseHandle, HubDatabase } from '../db/database.ts';
import { openDatabase } from '../db/open-database.ts';
import { startJobQueue, type JobQueue } from '../jobs/job-queue.ts';
import { createLifecycle, type Lifecycle } from './lifecycle.ts';
import type { Logger } from '../logging/create-logger.ts';
import { createRagServices, type RagServices } from '../rag/create-rag-services.ts';
import { createRawFileStore, type RawFileStore } from '../storage/raw-file-store.ts';

/** Everything the domain needs, opened once per process and passed to routes, workers and adapters. */
export interface HubCore {
  readonly config: HubConfig;
  readonly logger: Logger;
  readonly database: DatabaseHandle;
  /** Shortcut for `database.db`. */
  readonly db: HubDatabase;
  readonly files: RawFileStore;
  readonly jobs: JobQueue;
  readonly rag: RagServices;
  readonly startedAt: Date;
  /** starting / ready / stopping, for /health/ready and graceful shutdown. */
  readonly lifecycle: Lifecycle;
  close(): Promise<void>;
}

export interface HubCoreOptions {
  /** Replaces global fetch for LLM and embedding clients (tests point it at protocol fakes). */
  fetch?: typeof fetch;
  /** An already open database (tests); otherwise the configured one is opened and migrated. */
  database?: DatabaseHandle;
  retryDelaySeconds?: number;
  /** `hub start` begins in `starting` and marks itself ready once every role runs; others are ready at once. */
  lifecycle?: Lifecycle;
}

/** Opens the database (migrating it), the file store, the job queue and the RAG services. */
export async function createHubCore(config: HubConfig, logger: Logger, options: HubCoreOptions = {}): Promise<HubCore> {
  const database = options.database ?? (await openDatabase(config));
  // A database passed in belongs to the caller, who closes it.
  const closers: Array<() => Promise<void>> = options.database ? [] : [() => database.close()];
  try {
    const jobs = await startJobQueue(database, logger.child({ part: 'queue' }), { retryDelaySeconds: options.retryDelaySeconds });
    closers.unshift(() => jobs.stop());
    const rag = await createRagServices({ config, db: database.db, logger: logger.child({ part: 'rag' }), fetch: options.fetch });
    const files = createRawFileStore(config.rawFilesDir);
    return { config, logger, database, db: database.db, files, jobs, rag, startedAt: new Date(), lifecycle: options.lifecycle ?? createLifecycle('ready'), close: () => closeAll(closers) };
  } catch (error) {
    await closeAll(closers);
    throw error;
  }
}

async function closeAll(closers: Array<() => Promise<void>>): Promise<void> {
  for (const close of closers) await close().catch(() => {});
}
