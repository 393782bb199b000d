import type { CommunityUpdate } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import { formatDate } from '../lib/labels.ts';
import { ViewHeading } from './view-heading.tsx';

export function UpdatesView({ updates, saved }: { updates: CommunityUpdate[] | null; saved: boolean }) {
  return (
    <section aria-labelledby="updates-heading">
      <ViewHeading id="updates-heading">{t('updates.title')}</ViewHeading>
      {saved && <p class="note">{t('faq.offline')}</p>}
      {updates && updates.length === 0 && <p>{t('updates.empty')}</p>}
      {updates?.map((update) => (
        <article key={update.id} class="update" aria-labelledby={`update-${update.id}`}>
          <h3 id={`update-${update.id}`}>{update.title}</h3>
          <p class="meta">
            {t('updates.published', { date: formatDate(update.publishedAt) })}
            {update.expiresAt ? ` · ${t('updates.expires', { date: formatDate(update.expiresAt) })}` : ''}
          </p>
          <p class="update-body">{update.body}</p>
        </article>
      ))}
    </section>
  );
}
