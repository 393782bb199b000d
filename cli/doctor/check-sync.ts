import type { HubConfig } from '#api/config/load-config.ts';
import { openDatabase } from '#api/db/open-database.ts';
import { ErrorCode, describeError, isAppError } from '#api/errors/app-error.ts';
import { createHttpSyncServer, isUnreachable } from '#api/sync/http-sync-server.ts';
import { readInstanceId } from '#api/sync/instance-id.ts';
import { readSyncStatus, type SyncStatus } from '#api/sync/sync-status.ts';
import { ok, problem, skip, type CheckResult } from './check-result.ts';

/**
 * Sync: where it stands (mode, last success, pending both ways, conflicts) and whether the server
 * accepts this instance's key. The key is tried with this instance's real id, so a key not used yet is
 * bound to this instance, as the first sync round would.
 */
export async function checkSync(config: HubConfig): Promise<CheckResult[]> {
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.dataDirLocked) return [await statusFromRunningHub(config)];
    return [problem('Sync', describeError(error))];
  }
  try {
    const status = await readSyncStatus({ db: database.db, config });
    if (!config.SYNC_ENABLED || !config.SYNC_SERVER_URL || !config.SYNC_API_KEY) {
      const peers = status.peers.length > 0 ? `; ${status.peers.length} instance(s) sync with this one` : '';
      return [skip('Sync', `SYNC_ENABLED is false: this instance pulls from no server${peers}`)];
    }
    const server = createHttpSyncServer({ baseUrl: config.SYNC_SERVER_URL, key: config.SYNC_API_KEY, instanceId: await readInstanceId(database.db) });
    const results = [describeStatus(status)];
    try {
      const info = await server.info();
      results.push(ok('Sync server', `${server.url} accepts the key (server ${info.instanceId}, ${info.unprocessedDocuments} documents waiting for full processing)`));
    } catch (error) {
      results.push(
        isUnreachable(error)
          ? problem('Sync server', `${describeError(error)} This instance keeps serving from its own data and catches up automatically once the server answers.`)
          : problem('Sync server', describeError(error)),
      );
    }
    return results;
  } finally {
    await database.close();
  }
}

function describeStatus(status: SyncStatus): CheckResult {
  const detail = `mode ${status.mode}, last success ${status.lastSuccessAt ?? 'never'}, ${status.pendingPush} changes to send, ${status.pendingPull ?? 'unknown'} to receive, ${status.openConflicts} open conflicts`;
  return status.mode === 'offline' ? problem('Sync', `${detail}${status.lastError ? ` (${status.lastError})` : ''}`) : ok('Sync', detail);
}

async function statusFromRunningHub(config: HubConfig): Promise<CheckResult> {
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  try {
    const response = await fetch(new URL('/api/maintenance/sync', base), {
      headers: config.HUB_API_TOKEN ? { authorization: `Bearer ${config.HUB_API_TOKEN}` } : {},
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return problem('Sync', `the running hub at ${base} answered ${response.status}`);
    return describeStatus((await response.json()) as SyncStatus);
  } catch (error) {
    return problem('Sync', `the embedded database is in use but no hub answers at ${base} (${(error as Error).message})`);
  }
}
