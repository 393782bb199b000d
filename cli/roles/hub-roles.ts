import { AppError, ErrorCode } from '#api/errors/app-error.ts';
import type { RoleStarter } from './hub-role.ts';

/**
 * Every role `hub start --role` knows, in start order; adding one is one line. Each is imported only
 * when it runs, so a workers process never loads AdminJS or a chat SDK.
 *
 * Which may run more than once (on PostgreSQL; the embedded database has one owner, so one process):
 * api and workers scale by count; bot runs once per platform token (a second bot process waits);
 * sync runs once per instance.
 */
export const hubRoles = {
  api: async (core) => (await import('./start-api-role.ts')).startApiRole(core),
  workers: async (core) => (await import('./start-workers-role.ts')).startWorkersRole(core),
  bot: async (core) => (await import('./start-bot-role.ts')).startBotRole(core),
  sync: async (core) => (await import('./start-sync-role.ts')).startSyncRole(core),
} as const satisfies Record<string, RoleStarter>;

export type RoleName = keyof typeof hubRoles;
export const roleNames = Object.keys(hubRoles) as RoleName[];

/**
 * `--role api,workers` -> the roles in start order; no flag means every role, sync only when
 * SYNC_ENABLED (it needs a cloud to talk to). Unknown names are refused with the list of known ones.
 */
export function parseRoles(value: string | undefined, options: { syncEnabled?: boolean } = {}): RoleName[] {
  if (value === undefined) return roleNames.filter((name) => name !== 'sync' || options.syncEnabled);
  const asked = value.split(',').map((name) => name.trim()).filter(Boolean);
  const unknown = asked.filter((name) => !roleNames.includes(name as RoleName));
  if (asked.length === 0 || unknown.length > 0) {
    throw new AppError(ErrorCode.invalidInput, `Unknown role${unknown.length > 1 ? 's' : ''} ${unknown.join(', ') || '(none given)'}: use one or more of ${roleNames.join(', ')}, separated by commas.`);
  }
  return roleNames.filter((name) => asked.includes(name));
}
