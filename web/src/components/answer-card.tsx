import type { Citation } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import { citationSection, citationTitle, formatPages, tierLabel } from '../lib/labels.ts';
import type { LiveProgress } from '../send/send-entry.ts';
import type { QuestionEntry } from '../store/entries.ts';
import { AnswerText } from './answer-text.tsx';

interface Props {
  entry: QuestionEntry;
  live: LiveProgress | undefined;
  onCite(citation: Citation, n: number): void;
  onRetry(entry: QuestionEntry): void;
  onDiscard(entry: QuestionEntry): void;
}

/** One question with its answer: queued, being written, answered (tier and numbered sources) or refused. */
export function AnswerCard({ entry, live, onCite, onRetry, onDiscard }: Props) {
  const answer = entry.answer;
  const citations = answer?.citations ?? live?.citations ?? [];
  const text = answer?.answer ?? live?.text ?? '';
  const cite = (n: number) => onCite(citations[n - 1]!, n);
  return (
    <li class={`card card-${live ? 'sending' : entry.state}`} aria-busy={live ? 'true' : 'false'} data-entry={entry.id}>
      <p class="question">
        <span class="sr-only">{t('answer.you')}: </span>
        {entry.question}
      </p>
      {entry.state === 'queued' && !live && <p class="note queued">{t('answer.queued')}</p>}
      {live?.phase === 'sending' && <p class="note">{t('answer.sending')}</p>}
      {live?.phase === 'writing' && !text && <p class="note">{t('answer.writing')}</p>}
      {text && <AnswerText text={text} citations={citations} onCite={cite} />}
      {entry.state === 'failed' && (
        <div class="note failed">
          <p>{t('answer.failed', { message: entry.error || t('error.unknown') })}</p>
          <button type="button" onClick={() => onRetry(entry)}>{t('answer.retry')}</button>{' '}
          <button type="button" onClick={() => onDiscard(entry)}>{t('answer.discard')}</button>
        </div>
      )}
      {citations.length > 0 && (
        <div class="sources">
          <h3>{t('answer.sources')}</h3>
          <ol>
            {citations.map((citation, index) => (
              <li key={index}>
                <button type="button" class="source" onClick={() => cite(index + 1)}>
                  <span class="source-n">[{index + 1}]</span> {citationTitle(citation)}
                  {citationSection(citation) ? ` — ${citationSection(citation)}` : ''}
                  {citation.pages.length > 0 ? `, ${t(citation.pages.length > 1 ? 'citation.pages' : 'citation.page').toLowerCase()} ${formatPages(citation.pages)}` : ''}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
      {answer && (
        <p class="tier">
          {t('answer.tier', { tier: tierLabel(answer.provider) })}
          {!answer.answered && answer.provider !== 'none' ? ` · ${t('answer.notAnswered')}` : ''}
        </p>
      )}
    </li>
  );
}
