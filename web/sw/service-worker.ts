/**
 * The members' page's service worker: keeps the page itself (for opening with no connection to the
 * hub) and the last FAQ, updates and status it read, answered from that copy when the hub is not
 * reachable. Questions and uploads are not its job: the page queues them in IndexedDB and sends them.
 * It touches nothing outside the page (the admin panel, /docs and the rest of /api go straight through).
 */
/** Filled in by the build: the page's files, whose hashed names change with every build. */
declare const PAGE_FILES: string[];
declare const BUILD_ID: string;

const worker = self as unknown as ServiceWorkerGlobalScope;
const SHELL_CACHE = `hub-page-${BUILD_ID}`;
const DATA_CACHE = 'hub-page-data';
/** Reads the page keeps a copy of; their answers depend on the query (the community). */
const SAVED_READS = ['/api/web/status', '/api/web/faq', '/api/web/updates'];
/** The page recognises answers from the saved copy by this header. */
const SAVED_COPY_HEADER = 'x-hub-saved-copy';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) => cache.addAll(PAGE_FILES))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('hub-page-') && name !== SHELL_CACHE && name !== DATA_CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  if (request.mode === 'navigate' && url.pathname === '/') return event.respondWith(fromShell('/', request));
  if (PAGE_FILES.includes(url.pathname)) return event.respondWith(fromShell(url.pathname, request));
  if (SAVED_READS.includes(url.pathname)) return event.respondWith(networkThenSaved(request));
});

/** The page's own files: the copy installed with this service worker, the network only if it is missing. */
async function fromShell(path: string, request: Request): Promise<Response> {
  const cached = await caches.match(path, { cacheName: SHELL_CACHE });
  return cached ?? fetch(request);
}

/** Fresh from the hub when it answers (and saved); the saved copy, marked as such, when it does not. */
async function networkThenSaved(request: Request): Promise<Response> {
  const cache = await caches.open(DATA_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const saved = await cache.match(request);
    if (!saved) throw error;
    const headers = new Headers(saved.headers);
    headers.set(SAVED_COPY_HEADER, '1');
    return new Response(saved.body, { status: saved.status, statusText: saved.statusText, headers });
  }
}
