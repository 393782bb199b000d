import { parseArgs } from 'node:util';
import { openDatabase } from '#api/db/open-database.ts';
import { createSyncKey, listSyncKeys, revokeSyncKey } from '#api/sync/sync-keys.ts';
import { createCliContext } from '../cli-context.ts';

const usage = `hub sync-key create [--name N] [--json]   a new key for a local instance (shown once)
hub sync-key list [--json]                  keys, the instance each is bound to, last use
hub sync-key revoke ID                      refuse a key from now on`;

/** `hub sync-key`: the keys local instances use to sync with this one (run on the cloud instance). */
export async function runSyncKey(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { name: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } },
  });
  if (!action || !['create', 'list', 'revoke'].includes(action) || (action === 'revoke' && positionals.length !== 1)) {
    console.error(usage);
    return 2;
  }
  const { config } = createCliContext(values.verbose);
  const database = await openDatabase(config);
  try {
    if (action === 'create') {
      const created = await createSyncKey(database.db, values.name ?? `local instance ${new Date().toISOString().slice(0, 10)}`);
      if (values.json) console.log(JSON.stringify({ key: created.key, id: created.id, name: created.name }));
      else {
        console.log(`Sync key "${created.name}" (id ${created.id}):\n\n  ${created.key}\n`);
        console.log('It is shown only now. On the local instance set SYNC_ENABLED=true, SYNC_SERVER_URL=<this hub\'s URL> and SYNC_API_KEY=<the key>.');
      }
      return 0;
    }
    if (action === 'list') {
      const keys = await listSyncKeys(database.db);
      if (values.json) console.log(JSON.stringify(keys));
      else if (keys.length === 0) console.log('No sync keys yet: `hub sync-key create --name <place>`.');
      else for (const key of keys) console.log(describeKey(key));
      return 0;
    }
    const revoked = await revokeSyncKey(database.db, positionals[0]!);
    console.log(`Revoked "${revoked.name}" (${revoked.id}): the instance using it is refused from now on.`);
    return 0;
  } finally {
    await database.close();
  }
}

function describeKey(key: Awaited<ReturnType<typeof listSyncKeys>>[number]): string {
  const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : key.instanceId ? `bound to ${key.instanceId}` : 'not used yet';
  const used = key.lastUsedAt ? `, last used ${key.lastUsedAt.toISOString()}` : '';
  return `${key.id}  ${key.name}  (${state}${used})`;
}
