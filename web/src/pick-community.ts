const LAST_COMMUNITY_KEY = 'hub.community';

/**
 * The community this page asks in: `?community=slug` from an invite link, else the one used last on
 * this device (the installed app opens at `/`), else none (the hub's shared documents).
 */
export function pickCommunity(location: Location): string | null {
  const fromLink = new URLSearchParams(location.search).get('community')?.trim().toLowerCase();
  if (fromLink) {
    localStorage.setItem(LAST_COMMUNITY_KEY, fromLink);
    return fromLink;
  }
  return localStorage.getItem(LAST_COMMUNITY_KEY);
}

/** The code of an invite link (`#code=...`), which never reaches the server's logs; removed from the address bar. */
export function takeInviteCode(location: Location): string | null {
  const code = new URLSearchParams(location.hash.slice(1)).get('code');
  if (code) history.replaceState(null, '', location.pathname + location.search);
  return code?.trim() || null;
}
