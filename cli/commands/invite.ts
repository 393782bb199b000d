import os from 'node:os';
import { parseArgs } from 'node:util';
import type { HubConfig } from '#api/config/load-config.ts';
import { openDatabase } from '#api/db/open-database.ts';
import { ErrorCode, isAppError } from '#api/errors/app-error.ts';
import { generateAccessCode, setWebAccessCode } from '#api/web/set-web-access-code.ts';
import { findWebCommunity } from '#api/web/web-access.ts';
import { createCliContext } from '../cli-context.ts';

const USAGE = 'Usage: hub invite <community> [--new-code | --code CODE | --open] [--json]';

type Change = { code: string | null } | { generate: true } | null;
interface AccessCode {
  slug: string;
  name: string;
  code: string | null;
}

/**
 * `hub invite <community>`: prints the links neighbours open to reach the community's page, and sets
 * its access code (`--new-code`, `--code`) or opens it to everyone on the network (`--open`).
 */
export async function runInvite(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      'new-code': { type: 'boolean', default: false },
      code: { type: 'string' },
      open: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
  const slug = positionals[0];
  const chosen = [values['new-code'], values.code !== undefined, values.open].filter(Boolean).length;
  if (!slug || positionals.length > 1 || chosen > 1) {
    console.error(USAGE);
    return 2;
  }
  const change: Change = values['new-code'] ? { generate: true } : values.code !== undefined ? { code: values.code } : values.open ? { code: null } : null;
  const { config } = createCliContext(values.verbose);
  const access = await readOrSetAccessCode(config, slug, change);
  const links = inviteLinks(config, access);
  if (values.json) console.log(JSON.stringify({ ...access, links }));
  else console.log(describeInvite(config, access, links));
  return 0;
}

async function readOrSetAccessCode(config: HubConfig, slug: string, change: Change): Promise<AccessCode> {
  let database;
  try {
    database = await openDatabase(config);
  } catch (error) {
    if (!isAppError(error) || error.code !== ErrorCode.dataDirLocked) throw error;
    return askRunningHub(config, slug, change);
  }
  try {
    if (change) return await setWebAccessCode(database.db, slug, 'generate' in change ? generateAccessCode() : change.code);
    const community = await findWebCommunity(database.db, slug);
    if (!community) throw new Error(`There is no community "${slug}". Communities are created by their first upload or chat message.`);
    return { slug: community.slug, name: community.name, code: community.code };
  } finally {
    await database.close();
  }
}

/** The embedded database belongs to the running hub: ask it (it accepts this from its own machine). */
async function askRunningHub(config: HubConfig, slug: string, change: Change): Promise<AccessCode> {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST;
  const response = await fetch(`http://${host}:${config.PORT}/api/web/communities/${encodeURIComponent(slug)}/access-code`, {
    method: change ? 'PUT' : 'GET',
    headers: { ...(change ? { 'content-type': 'application/json' } : {}), ...(config.HUB_API_TOKEN ? { authorization: `Bearer ${config.HUB_API_TOKEN}` } : {}) },
    body: change ? JSON.stringify(change) : undefined,
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as AccessCode & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `The running hub answered ${response.status}.`);
  return body;
}

/** One link per address other devices may use to reach this hub (the code goes in the #fragment, never to server logs). */
export function inviteLinks(config: Pick<HubConfig, 'HOST' | 'PORT'>, access: AccessCode, interfaces = os.networkInterfaces()): string[] {
  const everywhere = config.HOST === '0.0.0.0' || config.HOST === '::';
  const hosts = everywhere
    ? Object.values(interfaces).flat().filter((address) => address && address.family === 'IPv4' && !address.internal).map((address) => address!.address)
    : [config.HOST];
  const fragment = access.code ? `#code=${encodeURIComponent(access.code)}` : '';
  return (hosts.length > 0 ? hosts : ['127.0.0.1']).map((host) => `http://${host.includes(':') ? `[${host}]` : host}:${config.PORT}/?community=${encodeURIComponent(access.slug)}${fragment}`);
}

function describeInvite(config: HubConfig, access: AccessCode, links: string[]): string {
  const lines = [
    access.code ? `${access.name} (${access.slug}) needs the access code ${access.code}.` : `${access.name} (${access.slug}) is open to everyone who reaches the hub.`,
    'Invite link for neighbours (the code travels in the part after #, which never reaches the server logs):',
    ...links.map((link) => `  ${link}`),
  ];
  if (config.HOST === '127.0.0.1' || config.HOST === 'localhost') {
    lines.push('', 'The hub listens on this machine only: set HOST=0.0.0.0 (in .env) and restart it so phones on the network can reach it.');
  }
  return lines.join('\n');
}
