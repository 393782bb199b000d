import cliProgress from 'cli-progress';
import { parseArgs } from 'node:util';
import type { HubConfig } from '#api/config/load-config.ts';
import { createHubCore, type HubCore } from '#api/core/hub-core.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import type { SyncProgress } from '#api/sync/exchange-with-server.ts';
import { runSyncFollowups } from '#api/sync/run-sync-followups.ts';
import { readSyncStatus, type SyncStatus } from '#api/sync/sync-status.ts';
import { configuredSyncServer, syncWithServer, type RoundResult } from '#api/sync/sync-with-server.ts';
import { createCliContext } from '../cli-context.ts';

/** `--initial` keeps going round after round until both sides are caught up, but not forever. */
const MAX_INITIAL_ROUNDS = 50;

const usage = `hub sync --once       one sync round with SYNC_SERVER_URL now
hub sync --initial    bring this instance to the server's full state (resumable; a progress bar)
hub sync --status     mode, last success, pending changes both ways, open conflicts  [--json]`;

/** `hub sync`: sync with the server now, or show where sync stands. */
export async function runSync(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      once: { type: 'boolean', default: false },
      initial: { type: 'boolean', default: false },
      status: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const chosen = [values.once, values.initial, values.status].filter(Boolean).length;
  if (chosen !== 1) {
    console.error(usage);
    return 2;
  }
  const { config, logger } = createCliContext(values.verbose);
  if (!values.status && (!config.SYNC_SERVER_URL || !config.SYNC_API_KEY)) {
    console.error('Set SYNC_SERVER_URL and SYNC_API_KEY first (a key comes from `hub sync-key create` on the server).');
    return 2;
  }
  let core: HubCore;
  try {
    core = await createHubCore(config, logger);
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCode.dataDirLocked) throw error;
    return askRunningHub(config, values.status ? 'status' : 'round', values.json);
  }
  try {
    if (values.status) return printStatus(await readSyncStatus(core), values.json);
    const result = values.initial ? await syncUntilCaughtUp(core, values.json) : await syncWithServer(core, await configuredSyncServer(core));
    await runSyncFollowups(core);
    printRound(result, values.json);
    return result.ok ? 0 : 1;
  } finally {
    await core.close();
  }
}

async function syncUntilCaughtUp(core: HubCore, json: boolean): Promise<RoundResult> {
  const server = await configuredSyncServer(core);
  const bar = !json && process.stderr.isTTY ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} {stage}', stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic) : null;
  bar?.start(1, 0, { stage: 'connecting' });
  const onProgress = (progress: SyncProgress) => {
    if (progress.total !== null) bar?.setTotal(Math.max(progress.total, 1));
    bar?.update(progress.done, { stage: progress.stage });
    if (!bar && !json && progress.total !== null) process.stderr.write(`${progress.stage} ${progress.done}/${progress.total}\n`);
  };
  let result: RoundResult | null = null;
  try {
    for (let round = 0; round < MAX_INITIAL_ROUNDS; round++) {
      result = await syncWithServer(core, server, onProgress);
      if (!result.ok || result.status.mode === 'normal') break;
    }
  } finally {
    bar?.stop();
  }
  return result!;
}

function printRound(result: RoundResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ ok: result.ok, mode: result.status.mode, error: result.error, ...result.report }));
    return;
  }
  if (!result.ok) {
    console.error(`Sync failed: ${result.error} This instance keeps serving from its own data (mode ${result.status.mode}).`);
    return;
  }
  const r = result.report!;
  console.log(
    `Synced with ${result.status.serverUrl}: ${r.pulled} changes in, ${r.pushed} out, ${r.processed} documents processed for the server, ` +
      `${r.filesDown} originals fetched, ${r.filesUp} sent, ${r.conflicts} conflicts. Mode: ${result.status.mode}` +
      (r.pending.pull + r.pending.push > 0 ? ` (${r.pending.pull} in and ${r.pending.push} out still to go).` : '.'),
  );
}

function printStatus(status: SyncStatus, json: boolean): number {
  if (json) {
    console.log(JSON.stringify(status));
    return 0;
  }
  console.log(`Mode:            ${status.mode}${status.serverUrl ? ` (server ${status.serverUrl})` : ''}`);
  console.log(`Last success:    ${status.lastSuccessAt ?? 'never'}${status.lastError ? `; last error: ${status.lastError}` : ''}`);
  console.log(`Pending:         ${status.pendingPush} out, ${status.pendingPull ?? 'unknown'} in`);
  console.log(`Open conflicts:  ${status.openConflicts}`);
  for (const peer of status.peers) {
    console.log(`Peer ${peer.name} (${peer.instanceId}): seen ${peer.lastSeenAt}, mode ${peer.mode ?? '?'}, ${peer.pendingPull} changes here not pulled yet`);
  }
  return 0;
}

/** The embedded database belongs to a running hub: ask it over HTTP. */
async function askRunningHub(config: HubConfig, what: 'status' | 'round', json: boolean): Promise<number> {
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  const response = await fetch(new URL(what === 'status' ? '/api/maintenance/sync' : '/api/maintenance/sync/round', base), {
    method: what === 'status' ? 'GET' : 'POST',
    headers: config.HUB_API_TOKEN ? { authorization: `Bearer ${config.HUB_API_TOKEN}` } : {},
    signal: AbortSignal.timeout(10 * 60_000),
  });
  const body = (await response.json()) as Record<string, unknown> & { error?: { message: string } };
  if (!response.ok) {
    console.error(`The running hub at ${base} refused: ${body.error?.message}`);
    return 1;
  }
  if (what === 'status') return printStatus(body as unknown as SyncStatus, json);
  printRound(body as unknown as RoundResult, json);
  return (body as unknown as RoundResult).ok ? 0 : 1;
}
