import { useCallback, useState } from 'preact/hooks';
import type { CommunityUpdate, FaqEntry, HubStatus } from './api/answer-types.ts';
import { communityQuery, HubError, hubFetch, HubUnreachable } from './api/hub-client.ts';

/** The service worker marks responses it answered from its cache because the hub was not reachable. */
export const SAVED_COPY_HEADER = 'x-hub-saved-copy';

export type AccessNeeded = 'token' | 'code' | null;

interface Loaded<T> {
  value: T;
  /** A saved copy: the hub was not reachable. */
  saved: boolean;
}

const statusKey = (community: string | null) => `hub.status.${community ?? ''}`;

/**
 * The hub's status, FAQ and updates for one community. Each comes from the hub when it answers and
 * from the service worker's saved copy when it does not; the status is also kept for the header.
 */
export function useHubData(community: string | null, onReachable: (reachable: boolean) => void) {
  const [status, setStatus] = useState<HubStatus | null>(() => readSavedStatus(community));
  const [faq, setFaq] = useState<Loaded<FaqEntry[]> | null>(null);
  const [updates, setUpdates] = useState<Loaded<CommunityUpdate[]> | null>(null);
  const [access, setAccess] = useState<AccessNeeded>(null);

  const refresh = useCallback(async () => {
    try {
      const loaded = await load<HubStatus>(`/api/web/status${communityQuery(community)}`);
      setStatus(loaded.value);
      onReachable(!loaded.saved);
      if (!loaded.saved) localStorage.setItem(statusKey(community), JSON.stringify(loaded.value));
      const needsCode = Boolean(loaded.value.community?.accessCodeRequired && !loaded.value.community.admitted);
      setAccess(needsCode ? 'code' : null);
      if (needsCode) return;
      const query = communityQuery(community);
      const [faqLoaded, updatesLoaded] = await Promise.all([
        load<{ entries: FaqEntry[] }>(`/api/web/faq${query}`),
        load<{ updates: CommunityUpdate[] }>(`/api/web/updates${query}`),
      ]);
      setFaq({ value: faqLoaded.value.entries, saved: faqLoaded.saved });
      setUpdates({ value: updatesLoaded.value.updates, saved: updatesLoaded.saved });
    } catch (error) {
      if (error instanceof HubUnreachable) return onReachable(false);
      if (error instanceof HubError && error.status === 401) return setAccess('token');
      if (error instanceof HubError && error.status === 403) return setAccess('code');
      throw error;
    }
  }, [community, onReachable]);

  return { status, faq, updates, access, setAccess, refresh };
}

async function load<T>(path: string): Promise<Loaded<T>> {
  const response = await hubFetch(path);
  return { value: (await response.json()) as T, saved: response.headers.get(SAVED_COPY_HEADER) === '1' };
}

function readSavedStatus(community: string | null): HubStatus | null {
  try {
    return JSON.parse(localStorage.getItem(statusKey(community)) ?? 'null') as HubStatus | null;
  } catch {
    return null;
  }
}
