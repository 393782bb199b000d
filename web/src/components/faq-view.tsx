import type { FaqEntry } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import { ViewHeading } from './view-heading.tsx';

/** Curated answers, each a native disclosure (keyboard and screen reader work without scripts). */
export function FaqView({ entries, saved }: { entries: FaqEntry[] | null; saved: boolean }) {
  return (
    <section aria-labelledby="faq-heading">
      <ViewHeading id="faq-heading">{t('faq.title')}</ViewHeading>
      {saved && <p class="note">{t('faq.offline')}</p>}
      {entries && entries.length === 0 && <p>{t('faq.empty')}</p>}
      {entries?.map((entry) => (
        <details key={entry.id} class="faq">
          <summary>{entry.question}</summary>
          <p class="faq-answer">{entry.answer}</p>
        </details>
      ))}
    </section>
  );
}
