/**
 * Where this process is in its life, for readiness probes: `starting` until every role of `hub start`
 * is up, `ready`, then `stopping` from the first shutdown signal on (a load balancer stops sending
 * requests while in-flight ones finish).
 */
export type LifecycleState = 'starting' | 'ready' | 'stopping';

export interface Lifecycle {
  readonly state: LifecycleState;
  markReady(): void;
  markStopping(): void;
}

export function createLifecycle(initial: LifecycleState = 'starting'): Lifecycle {
  let state = initial;
  return {
    get state() {
      return state;
    },
    markReady() {
      if (state === 'starting') state = 'ready';
    },
    markStopping() {
      state = 'stopping';
    },
  };
}
