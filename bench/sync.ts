/**
 * `npm run bench:sync`: how fast two instances exchange changes. A cloud instance (PostgreSQL with
 * --server-url or TEST_DATABASE_URL, else embedded) and a local one (embedded) talk over real HTTP on
 * 127.0.0.1, exactly as `hub sync --once` does. Measures changes applied per second and bytes per
 * change for N changes each way, then the rounds and time to catch up after a partition during which
 * N changes queued (half on each side). Writes docs/sync-bench.md.
 *
 *   npm run bench:sync -- [--changes 10000] [--server-url postgresql://...] [--no-write]
 */
import { sql } from 'drizzle-orm';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseConfig } from '../api/config/load-config.ts';
import { createHubCore, type HubCore } from '../api/core/hub-core.ts';
import { createLogger } from '../api/logging/create-logger.ts';
import { buildServer } from '../api/server.ts';
import { createHttpSyncServer } from '../api/sync/http-sync-server.ts';
import { readInstanceId } from '../api/sync/instance-id.ts';
import { createSyncKey } from '../api/sync/sync-keys.ts';
import { syncWithServer, type RoundResult } from '../api/sync/sync-with-server.ts';
import { openEvalDatabase } from '../scripts/eval/eval-database.ts';
import { openBenchDatabase } from './retrieval/bench-database.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { changes: { type: 'string', default: '10000' }, 'server-url': { type: 'string' }, 'no-write': { type: 'boolean', default: false } },
});
const N = Number(values.changes);
const serverUrl = values['server-url'] ?? process.env.TEST_DATABASE_URL;
const loadAtStart = os.loadavg();

interface Traffic {
  sent: number;
  received: number;
}
const traffic: Traffic = { sent: 0, received: 0 };
const countingFetch: typeof fetch = async (input, init) => {
  if (typeof init?.body === 'string') traffic.sent += Buffer.byteLength(init.body);
  const response = await fetch(input, init);
  const body = await response.arrayBuffer();
  traffic.received += body.byteLength;
  return new Response(body, { status: response.status, headers: response.headers });
};

const logger = createLogger({ level: 'silent' });
const cloudDb = serverUrl ? (await openBenchDatabase('postgres', serverUrl, 0, false)).handle : await openEvalDatabase();
const cloud = await createHubCore(parseConfig({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'bench-token-0123456789abcdef', LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: '/tmp/hub-bench-sync-cloud', LOG_LEVEL: 'silent' }), logger, { database: cloudDb });
const app = await buildServer(cloud);
await app.listen({ host: '127.0.0.1', port: 0 });
const cloudUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
const key = (await createSyncKey(cloud.db, 'bench')).key;
const localDb = await openEvalDatabase();
const local = await createHubCore(
  parseConfig({ DEPLOYMENT_MODE: 'local', LLM_PROVIDER: 'none', EMBEDDINGS_PROVIDER: 'builtin', HUB_DATA_DIR: '/tmp/hub-bench-sync-local', LOG_LEVEL: 'silent', SYNC_ENABLED: 'true', SYNC_SERVER_URL: cloudUrl, SYNC_API_KEY: key }),
  logger,
  { database: localDb },
);
const server = createHttpSyncServer({ baseUrl: cloudUrl, key, instanceId: await readInstanceId(local.db), fetch: countingFetch });
const unreachable = createHttpSyncServer({ baseUrl: 'http://127.0.0.1:9', key, instanceId: await readInstanceId(local.db) });

/** N rows written in one statement; the change-capture trigger records each as a change. */
async function writeFaqEntries(core: HubCore, count: number, tag: string): Promise<void> {
  await core.db.execute(sql`INSERT INTO faq_entries (question, answer) SELECT ${tag} || ' question ' || g, 'Answer number ' || g || ' of ' || ${tag} FROM generate_series(1, ${count}) AS g`);
}
async function writeUpdates(core: HubCore, count: number, tag: string): Promise<void> {
  await core.db.execute(sql`INSERT INTO community_updates (title, body, published_at) SELECT ${tag} || ' ' || g, 'Update body ' || g, now() FROM generate_series(1, ${count}) AS g`);
}

async function timedRound(): Promise<{ result: RoundResult; seconds: number; traffic: Traffic }> {
  traffic.sent = 0;
  traffic.received = 0;
  const started = performance.now();
  const result = await syncWithServer(local, server);
  if (!result.ok) throw new Error(`round failed: ${result.error}`);
  return { result, seconds: (performance.now() - started) / 1000, traffic: { ...traffic } };
}

await syncWithServer(local, server); // pairing: binds the key, nothing to move yet

await writeFaqEntries(local, N, 'local');
const push = await timedRound();
await writeUpdates(cloud, N, 'cloud');
const pull = await timedRound();

// Partition: the server is unreachable while both sides keep changing things.
const offline = await syncWithServer(local, unreachable);
await local.db.execute(sql`UPDATE faq_entries SET answer = answer || ' (edited offline)' WHERE id IN (SELECT id FROM faq_entries ORDER BY id LIMIT ${N / 2})`);
await cloud.db.execute(sql`UPDATE community_updates SET body = body || ' (edited in the cloud)' WHERE id IN (SELECT id FROM community_updates ORDER BY id LIMIT ${N / 2})`);
const catchUp: Array<{ seconds: number; mode: string; pulled: number; pushed: number }> = [];
for (let round = 0; round < 5; round++) {
  const { result, seconds } = await timedRound();
  catchUp.push({ seconds, mode: result.status.mode, pulled: result.report!.pulled, pushed: result.report!.pushed });
  if (result.status.mode === 'normal') break;
}

const rate = (count: number, seconds: number) => Math.round(count / seconds);
const machine = `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
const report = [
  '# Sync: benchmark',
  '',
  `Command: \`npm run bench:sync -- --changes ${N}${serverUrl ? ' --server-url <PostgreSQL>' : ''}\`, ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}; load average ${load(loadAtStart)} at start, ${load(os.loadavg())} at end (shared machine: figures move with its load).`,
  `Cloud instance on ${cloud.database.engine}, local instance on ${local.database.engine}, real HTTP on 127.0.0.1. A change is one entity's new version (a FAQ entry or an update, ~150 bytes of fields); indexing them for search is follow-up work done afterwards by the workers, not counted here.`,
  '',
  '| what | changes | seconds | changes/s (goal >= 1,000) | bytes per change on the wire |',
  '|---|---|---|---|---|',
  `| push local -> cloud | ${push.result.report!.pushed} | ${push.seconds.toFixed(2)} | ${rate(push.result.report!.pushed, push.seconds)} | ${Math.round(push.traffic.sent / push.result.report!.pushed)} sent |`,
  `| pull cloud -> local | ${pull.result.report!.pulled} | ${pull.seconds.toFixed(2)} | ${rate(pull.result.report!.pulled, pull.seconds)} | ${Math.round(pull.traffic.received / pull.result.report!.pulled)} received |`,
  '',
  `Partition: the first round failed (${offline.status.mode}: ${offline.error}); meanwhile ${N / 2} entries were edited on the local instance and ${N / 2} on the cloud. Catching up took ${catchUp.length} round(s) (goal <= 2):`,
  '',
  '| round | seconds | changes in | changes out | mode after |',
  '|---|---|---|---|---|',
  ...catchUp.map((r, i) => `| ${i + 1} | ${r.seconds.toFixed(2)} | ${r.pulled} | ${r.pushed} | ${r.mode} |`),
  '',
].join('\n');
console.log(report);
if (!values['no-write']) await writeFile(path.join(repoRoot, 'docs', 'sync-bench.md'), report);
await app.close();
await local.close();
await localDb.close();
await cloud.close();
await cloudDb.close();
