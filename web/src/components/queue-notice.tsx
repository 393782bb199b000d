import { t } from '../i18n/translate.ts';
import type { Entry } from '../store/entries.ts';

/** Says plainly what waits on this device to be sent. */
export function QueueNotice({ entries }: { entries: Entry[] }) {
  const queued = entries.filter((entry) => entry.state === 'queued');
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
