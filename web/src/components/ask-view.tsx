import { useRef } from 'preact/hooks';
import type { Citation } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import type { LiveProgress } from '../send/send-entry.ts';
import type { QuestionEntry } from '../store/entries.ts';
import { AnswerCard } from './answer-card.tsx';

interface Props {
  questions: QuestionEntry[];
  live: Record<string, LiveProgress>;
  onAsk(question: string): void;
  onCite(citation: Citation, n: number): void;
  onRetry(entry: QuestionEntry): void;
  onDiscard(entry: QuestionEntry): void;
}

/** The conversation, oldest first, and the question box under it. */
export function AskView({ questions, live, onAsk, onCite, onRetry, onDiscard }: Props) {
  const box = useRef<HTMLTextAreaElement>(null);
  const submit = (event?: Event) => {
    event?.preventDefault();
    const question = box.current?.value.trim() ?? '';
    if (!question) return box.current?.focus();
    onAsk(question);
    box.current!.value = '';
    box.current!.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) submit(event);
  };
  return (
    <section aria-labelledby="ask-heading" class="ask">
      <h2 id="ask-heading" class="sr-only" tabIndex={-1}>{t('nav.ask')}</h2>
      {questions.length === 0 ? (
        <p class="intro">{t('ask.empty')}</p>
      ) : (
        <ol class="conversation" aria-label={t('ask.conversation')}>
          {questions.map((entry) => (
            <AnswerCard key={entry.id} entry={entry} live={live[entry.id]} onCite={onCite} onRetry={onRetry} onDiscard={onDiscard} />
          ))}
        </ol>
      )}
      <form class="ask-form" onSubmit={submit}>
        <label for="question">{t('ask.label')}</label>
        <div class="ask-row">
          <textarea id="question" ref={box} rows={2} maxLength={2000} placeholder={t('ask.placeholder')} aria-describedby="ask-hint" onKeyDown={onKeyDown} />
          <button type="submit" class="primary">{t('ask.submit')}</button>
        </div>
        <p id="ask-hint" class="hint">{t('ask.hint')}</p>
      </form>
    </section>
  );
}
