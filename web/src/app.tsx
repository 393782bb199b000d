import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Citation } from './api/answer-types.ts';
import { HubError, hubFetch, HubUnreachable, saveToken } from './api/hub-client.ts';
import { AccessForm } from './components/access-form.tsx';
import { AskView } from './components/ask-view.tsx';
import { CitationDialog } from './components/citation-dialog.tsx';
import { FaqView } from './components/faq-view.tsx';
import { HubHeader } from './components/hub-header.tsx';
import { QueueNotice } from './components/queue-notice.tsx';
import { SendView } from './components/send-view.tsx';
import { UpdatesView } from './components/updates-view.tsx';
import { t } from './i18n/translate.ts';
import { newId } from './lib/new-id.ts';
import { pickCommunity, takeInviteCode } from './pick-community.ts';
import { createSender } from './send/create-sender.ts';
import type { LiveProgress } from './send/send-entry.ts';
import { deleteEntry, loadEntries, saveEntry, type Entry, type QuestionEntry, type UploadEntry } from './store/entries.ts';
import { useHubData } from './use-hub-data.ts';

type View = 'ask' | 'faq' | 'updates' | 'send';
const VIEWS: View[] = ['ask', 'faq', 'updates', 'send'];
/** While something waits, try the hub this often even without an `online` event (hub restarted, Wi-Fi back). */
const RETRY_MS = 10_000;
/**
 * While the hub seems unreachable, ask for its status this often: the `online` event can come before
 * the network carries requests, and a status request that failed then would leave the header wrong.
 */
const RECHECK_MS = 5_000;
/** After an `offline` event (and before `online`), a success this soon is from a request sent before it. */
const STALE_AFTER_OFFLINE_MS = 3_000;

export function App() {
  const community = useMemo(() => pickCommunity(location), []);
  const [view, setView] = useState<View>('ask');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [live, setLive] = useState<Record<string, LiveProgress>>({});
  const [reachable, setReachable] = useState(navigator.onLine);
  // A request that started before the browser went offline may succeed just after the `offline` event:
  // that success is stale until the `online` event. Not `navigator.onLine` itself: on a network with no
  // internet route (a hub's own Wi-Fi) a browser may call itself offline while the hub answers.
  const wentOffline = useRef(0);
  const noteReachable = (up: boolean) => {
    if (up && Date.now() - wentOffline.current < STALE_AFTER_OFFLINE_MS) return;
    setReachable(up);
  };
  const [announcement, setAnnouncement] = useState('');
  const [cited, setCited] = useState<{ citation: Citation; n: number } | null>(null);
  const hub = useHubData(community, noteReachable);

  const replaceEntry = (entry: Entry) => setEntries((all) => all.map((item) => (item.id === entry.id ? entry : item)));
  const sender = useMemo(
    () =>
      createSender({
        onLive: (id, progress) =>
          setLive(({ [id]: _dropped, ...rest }) => (progress ? { ...rest, [id]: progress } : rest)),
        onFinished: (entry) => {
          replaceEntry(entry);
          if (entry.kind === 'question' && entry.state === 'done') setAnnouncement(entry.answer?.answer.slice(0, 300) ?? '');
        },
        onReachable: noteReachable,
        onAccessNeeded: (error) => hub.setAccess(error.status === 401 ? 'token' : 'code'),
      }),
    [],
  );

  const refreshAll = useCallback(() => {
    void hub.refresh();
    void sender.drain();
  }, [hub.refresh]);

  useEffect(() => {
    const invite = takeInviteCode(location);
    void (async () => {
      setEntries(await loadEntries());
      if (invite && community) await enterCode(community, invite);
      refreshAll();
    })();
    void navigator.storage?.persist?.();
    const onOnline = () => {
      wentOffline.current = 0;
      refreshAll();
    };
    const onOffline = () => {
      wentOffline.current = Date.now();
      setReachable(false);
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    // A newly installed service worker took over: load again through it so it keeps copies for offline use.
    navigator.serviceWorker?.addEventListener('controllerchange', refreshAll);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      navigator.serviceWorker?.removeEventListener('controllerchange', refreshAll);
    };
  }, []);

  useEffect(() => {
    if (reachable) return;
    const timer = setInterval(() => refreshAll(), RECHECK_MS);
    return () => clearInterval(timer);
  }, [reachable]);

  const waiting = entries.some((entry) => entry.state === 'queued');
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => void sender.drain(), RETRY_MS);
    return () => clearInterval(timer);
  }, [waiting]);

  const queue = async (entry: Entry) => {
    await saveEntry(entry);
    setEntries((all) => [...all, entry]);
    if (!navigator.onLine) setAnnouncement(t('answer.queued'));
    void sender.drain();
  };
  const ask = (question: string) => void queue({ id: newId(), kind: 'question', community, createdAt: Date.now(), state: 'queued', question });
  const send = (file: File) => void queue({ id: newId(), kind: 'upload', community, createdAt: Date.now(), state: 'queued', filename: file.name, file });
  const retry = async (entry: QuestionEntry) => {
    // A new id: the hub refused the old one for good.
    await deleteEntry(entry.id);
    setEntries((all) => all.filter((item) => item.id !== entry.id));
    await queue({ ...entry, id: newId(), state: 'queued', error: undefined, createdAt: Date.now() });
  };
  const discard = async (entry: QuestionEntry) => {
    await deleteEntry(entry.id);
    setEntries((all) => all.filter((item) => item.id !== entry.id));
  };
  const grantAccess = async (value: string): Promise<string | null> => {
    if (hub.access === 'token') saveToken(value);
    else if (community) {
      const problem = await enterCode(community, value);
      if (problem) return problem;
    }
    await hub.refresh();
    void sender.drain();
    return null;
  };
  const openView = (next: View) => {
    document.body.dataset.viewChanged = 'yes';
    setView(next);
  };

  const mine = entries.filter((entry) => entry.community === community);
  const sending = new Set(Object.keys(live));
  const content = hub.access ? (
    <AccessForm kind={hub.access} communityName={hub.status?.community?.name ?? community ?? ''} onSubmit={grantAccess} />
  ) : view === 'faq' ? (
    <FaqView entries={hub.faq?.value ?? null} saved={hub.faq?.saved ?? false} />
  ) : view === 'updates' ? (
    <UpdatesView updates={hub.updates?.value ?? null} saved={hub.updates?.saved ?? false} />
  ) : view === 'send' ? (
    <SendView
      uploads={mine.filter((entry): entry is UploadEntry => entry.kind === 'upload')}
      sending={sending}
      maxBytes={hub.status?.uploadMaxBytes ?? null}
      onSend={send}
    />
  ) : (
    <AskView
      questions={mine.filter((entry): entry is QuestionEntry => entry.kind === 'question')}
      live={live}
      onAsk={ask}
      onCite={(citation, n) => setCited({ citation, n })}
      onRetry={(entry) => void retry(entry)}
      onDiscard={(entry) => void discard(entry)}
    />
  );

  return (
    <>
      <a class="skip" href="#main">{t('nav.skip')}</a>
      <HubHeader status={hub.status} reachable={reachable} />
      <nav aria-label={t('nav.label')} class="tabs">
        {VIEWS.map((name) => (
          <button key={name} type="button" aria-current={view === name ? 'page' : undefined} onClick={() => openView(name)}>
            {t(`nav.${name}`)}
          </button>
        ))}
      </nav>
      <main id="main" tabIndex={-1}>
        <QueueNotice entries={mine} sending={sending} />
        {content}
      </main>
      <p class="sr-only" aria-live="polite">{announcement}</p>
      <CitationDialog open={cited} community={community} onClose={() => setCited(null)} />
    </>
  );
}

/** Sends a community's access code; the hub answers with the cookie that admits this browser. */
async function enterCode(community: string, code: string): Promise<string | null> {
  try {
    await hubFetch(`/api/web/communities/${encodeURIComponent(community)}/access`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    return null;
  } catch (error) {
    if (error instanceof HubUnreachable) return t('error.unreachable');
    return error instanceof HubError ? (error.details.reason === 'wrong_access_code' ? t('access.wrong') : error.message) : t('error.unknown');
  }
}
