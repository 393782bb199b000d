import type { MemberRole } from '../db/schema/index.ts';

/** Who sent a file and through what; decides whether it waits for a moderator. */
export interface Uploader {
  via: 'api' | 'web' | 'cli' | 'telegram' | 'discord' | 'matrix' | 'admin' | 'sync';
  memberId?: string | null;
  /** Role of the member in the target community; API token holders and the CLI act as trusted. */
  role: MemberRole;
  /** Name shown to moderators, e.g. "telegram:@alice". */
  label?: string;
}

const TRUSTED_ROLES: readonly MemberRole[] = ['trusted', 'moderator', 'admin'];

export function isTrustedUploader(uploader: Uploader): boolean {
  return TRUSTED_ROLES.includes(uploader.role);
}
