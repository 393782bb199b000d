import { PgBoss, fromPglite, type Job } from 'pg-boss';
import type { DatabaseHandle } from '../db/database.ts';
import { redactUrl } from '../db/open-postgres.ts';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import type { Logger } from '../logging/create-logger.ts';
import { JobName, type JobOutcome, type JobPayloads } from './job-types.ts';

/** A job queue backed by the hub's own database (pg-boss), so jobs survive restarts on either engine. */
export interface JobQueue {
  /**
   * Enqueues a job; with a `key`, at most one job per key is queued or running (returns false if one
   * is; for sync rounds, one queued beside the running one). `delaySeconds` holds it back that long.
   */
  send<N extends JobName>(name: N, payload: JobPayloads[N], options?: { key?: string; delaySeconds?: number }): Promise<boolean>;
  /**
   * Runs `handler` for jobs of `name`; a thrown error is retried, a returned outcome is final. `signal`
   * aborts when the process shuts down with the job still running: the job is then retried elsewhere.
   */
  work<N extends JobName>(name: N, handler: (payload: JobPayloads[N], job: JobContext) => Promise<JobOutcome>): Promise<void>;
  /** Whether a job with this key is waiting (not yet running) in `name`. */
  isQueued(name: JobName, key: string): Promise<boolean>;
  /** Jobs waiting, running and failed per queue, for /metrics. */
  depth(): Promise<QueueDepth[]>;
  /**
   * Stops taking jobs, waits up to `graceMs` for running ones, then fails what is left so that it is
   * retried (by this process after a restart, or by another worker at once) and aborts its signal.
   */
  stop(graceMs?: number): Promise<void>;
}

export interface QueueDepth {
  queue: JobName;
  queued: number;
  active: number;
  failed: number;
}

export interface JobContext {
  id: string;
  attempt: number;
  signal: AbortSignal;
}

/** How long a stopping queue waits for running jobs when the caller gives no bound. */
const DEFAULT_STOP_GRACE_MS = 10_000;

/** A worker silent this long is presumed dead and its job is retried (pg-boss minimum is 10 s). */
const HEARTBEAT_SECONDS = 15;
/** How often pg-boss looks for jobs whose worker went silent. */
const SUPERVISE_INTERVAL_SECONDS = 10;
export const JOB_RETRY_LIMIT = 2;
const BOSS_SCHEMA = 'pgboss';
const RETRY_DELAY_SECONDS = 5;
/** Document processing has its own watchdog; this only catches a job whose worker vanished. */
const EXPIRE_SECONDS = 60 * 60;

/**
 * A sync round schedules the next one while it still runs, so its queue allows one queued job beside
 * the active one (pg-boss "stately"); every other queue allows one job per key in all.
 */
const POLICY_BY_QUEUE: Partial<Record<JobName, 'stately'>> = { [JobName.syncRound]: 'stately' };

export interface JobQueueOptions {
  retryDelaySeconds?: number;
}

export async function startJobQueue(database: DatabaseHandle, logger: Logger, options: JobQueueOptions = {}): Promise<JobQueue> {
  const boss = createBoss(database);
  boss.on('error', (error: Error) => logger.error({ err: error }, 'job queue error'));
  try {
    await boss.start();
    for (const name of Object.values(JobName)) {
      await boss.createQueue(name, {
        policy: POLICY_BY_QUEUE[name] ?? 'exclusive',
        retryLimit: JOB_RETRY_LIMIT,
        retryDelay: options.retryDelaySeconds ?? RETRY_DELAY_SECONDS,
        expireInSeconds: EXPIRE_SECONDS,
        heartbeatSeconds: HEARTBEAT_SECONDS,
      });
      // The embedded database has one owner: a job still `active` was left by a process that died.
      if (database.engine === 'pglite') await retryOrphanedJobs(boss, name, logger);
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new AppError(ErrorCode.dependencyUnavailable, `The job queue could not start: ${(error as Error).message}`, { cause: error });
  }
  return wrapBoss(boss, logger);
}

async function retryOrphanedJobs(boss: PgBoss, name: JobName, logger: Logger): Promise<void> {
  const jobs = (await boss.findJobs(name, { limit: 1000 })) as Array<{ id: string; state?: string }>;
  const orphans = jobs.filter((job) => job.state === 'active').map((job) => job.id);
  if (orphans.length === 0) return;
  await boss.fail(name, orphans, { reason: 'the process running this job stopped; retrying' });
  logger.warn({ queue: name, jobs: orphans.length }, 'retrying jobs interrupted by a restart');
}

function createBoss(database: DatabaseHandle): PgBoss {
  const common = { schema: BOSS_SCHEMA, registerInstance: false, superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS } as const;
  if (database.pglite) return new PgBoss({ ...common, db: fromPglite(database.pglite), backend: 'pglite' });
  if (!database.pool) throw new AppError(ErrorCode.internal, `No connection for the job queue at ${redactUrl(database.location)}`);
  const options = database.pool.options as { connectionString?: string };
  return new PgBoss({ ...common, connectionString: options.connectionString, max: 3 });
}

/** After a stop, aborted handlers get this long to record what happened before the database closes. */
const HANDLER_SETTLE_MS = 5_000;

function wrapBoss(boss: PgBoss, logger: Logger): JobQueue {
  const running = new Set<Promise<unknown>>();
  return {
    async send(name, payload, options = {}) {
      const id = await boss.send(name, payload, {
        ...(options.key ? { singletonKey: options.key } : {}),
        ...(options.delaySeconds ? { startAfter: options.delaySeconds } : {}),
      });
      return id !== null;
    },
    async work(name, handler) {
      await boss.work<JobPayloads[typeof name]>(name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs: Job<JobPayloads[typeof name]>[]) => {
        for (const job of jobs) {
          const jobLogger = logger.child({ job: name, jobId: job.id });
          const run = handler(job.data, { id: job.id, attempt: job.retryCount ?? 0, signal: job.signal });
          running.add(run);
          const outcome = await run.finally(() => running.delete(run));
          jobLogger.info({ outcome }, 'job finished');
        }
      });
    },
    async isQueued(name, key) {
      return (await boss.findJobs(name, { key, queued: true, limit: 1 })).length > 0;
    },
    async depth() {
      // Counted live: getQueues() reports counts only as fresh as pg-boss's last monitoring pass.
      const result = await boss.getDb().executeSql(
        `SELECT name, count(*) FILTER (WHERE state IN ('created', 'retry')) AS queued, count(*) FILTER (WHERE state = 'active') AS active,
                count(*) FILTER (WHERE state = 'failed') AS failed FROM ${BOSS_SCHEMA}.job WHERE name = ANY($1) GROUP BY name`,
        [Object.values(JobName)],
      );
      const rows = new Map((result.rows as Array<{ name: string; queued: string; active: string; failed: string }>).map((row) => [row.name, row]));
      return Object.values(JobName).map((queue) => {
        const row = rows.get(queue);
        return { queue, queued: Number(row?.queued ?? 0), active: Number(row?.active ?? 0), failed: Number(row?.failed ?? 0) };
      });
    },
    async stop(graceMs = DEFAULT_STOP_GRACE_MS) {
      await boss.stop({ graceful: true, timeout: graceMs });
      // pg-boss has failed the jobs still running back to the queue and aborted them; let their
      // handlers put their documents back (`queued`) while the database is still open.
      let timer: NodeJS.Timeout | undefined;
      const settleLimit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, HANDLER_SETTLE_MS);
      });
      await Promise.race([Promise.allSettled([...running]), settleLimit]);
      clearTimeout(timer);
    },
  };
}
