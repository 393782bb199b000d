import { sql } from 'drizzle-orm';
import type { HubConfig } from '#api/config/load-config.ts';
import { queryRows, type HubDatabase } from '#api/db/database.ts';
import { documents, questionLog, syncConflicts } from '#api/db/schema/index.ts';
import { readSyncStatus, type SyncStatus } from '#api/sync/sync-status.ts';

/** How far back the dashboard looks for questions that went badly. */
export const RECENT_QUESTION_DAYS = 7;

export interface ModerationSummary {
  pendingReview: number;
  failedDocuments: number;
  openConflicts: number;
  unansweredRecently: number;
  notHelpfulRecently: number;
}

/** Where sync stands, as the dashboard shows it (the emergency protocol's mode and what waits). */
export type DashboardSync = Pick<SyncStatus, 'mode' | 'lastSuccessAt' | 'pendingPush' | 'pendingPull'> & { peers: number };

export interface DashboardData extends ModerationSummary {
  sync: DashboardSync;
}

/** The dashboard's data: what waits for a moderator, and the sync state. */
export async function dashboardData(deps: { db: HubDatabase; config: HubConfig }): Promise<DashboardData> {
  const [summary, sync] = await Promise.all([moderationSummary(deps.db), readSyncStatus(deps)]);
  return { ...summary, sync: { mode: sync.mode, lastSuccessAt: sync.lastSuccessAt, pendingPush: sync.pendingPush, pendingPull: sync.pendingPull, peers: sync.peers.length } };
}

/** What waits for a moderator, counted in one round trip; the dashboard shows it with links. */
export async function moderationSummary(db: HubDatabase): Promise<ModerationSummary> {
  const since = sql`now() - make_interval(days => ${RECENT_QUESTION_DAYS})`;
  const [row] = await queryRows<Record<keyof ModerationSummary, number | string>>(
    db,
    sql`select
      (select count(*)::int from ${documents} where ${documents.status} = 'pending_review') as "pendingReview",
      (select count(*)::int from ${documents} where ${documents.status} = 'failed') as "failedDocuments",
      (select count(*)::int from ${syncConflicts} where ${syncConflicts.status} = 'open') as "openConflicts",
      (select count(*)::int from ${questionLog} where not ${questionLog.answered} and ${questionLog.createdAt} > ${since}) as "unansweredRecently",
      (select count(*)::int from ${questionLog} where ${questionLog.feedback} = 'not_helpful' and ${questionLog.createdAt} > ${since}) as "notHelpfulRecently"`,
  );
  return {
    pendingReview: Number(row?.pendingReview ?? 0),
    failedDocuments: Number(row?.failedDocuments ?? 0),
    openConflicts: Number(row?.openConflicts ?? 0),
    unansweredRecently: Number(row?.unansweredRecently ?? 0),
    notHelpfulRecently: Number(row?.notHelpfulRecently ?? 0),
  };
}
