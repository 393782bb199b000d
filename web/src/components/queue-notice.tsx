import { t } from '../i18n/translate.ts';
import type { Entry } from '../store/entries.ts';

/** Says plainly what waits on this device to be sent (not counting what is on its way right now). */
export function QueueNotice({ entries, sending }: { entries: Entry[]; sending: ReadonlySet<string> }) {
  const queued = entries.filter((entry) => entry.state === 'queued' && !sending.has(entry.id));
  if (queued.length === 0) return null;
  const questions = queued.filter((entry) => entry.kind === 'question').length;
  return (
    <div class="queue" data-testid="queue-notice">
      <p>
        <strong>
          {queued.length === 1 ? t('queue.summaryOne') : t('queue.summary', { questions, uploads: queued.length - questions })}
        </strong>{' '}
        {t('queue.explain')}
      </p>
    </div>
  );
}
