import type { HubCore } from '#api/core/hub-core.ts';

/** A part of the hub running in this process; `stop` ends it within the deadline it is given. */
export interface RunningRole {
  /** Stops taking work and finishes (or hands back) what is in flight by `deadline` (epoch ms). */
  stop(deadline: number): Promise<void>;
  /** What the start-up banner shows about this role (the API's address, the chats connected). */
  readonly report?: RoleReport;
}

export interface RoleReport {
  url?: string;
  /** Where a process without the api role answers its health probes. */
  probeUrl?: string;
  adminPath?: string;
  chatPlatforms?: string[];
  /** The cloud a sync role talks to. */
  syncServer?: string;
}

/** Starts one role on an open core. Anything with a `stop()` will do (a role may ignore the deadline). */
export type RoleStarter = (core: HubCore) => Promise<{ stop(deadline?: number): Promise<void>; report?: RoleReport }>;
