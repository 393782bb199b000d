import type { Citation } from '../api/answer-types.ts';
import { t } from '../i18n/translate.ts';
import { toAnswerBlocks, type Segment } from '../lib/answer-blocks.ts';
import { citationTitle } from '../lib/labels.ts';

interface Props {
  text: string;
  citations: Citation[];
  onCite(n: number): void;
}

/** The answer's text with each `[n]` as a button that opens source n. Text is never parsed as HTML. */
export function AnswerText({ text, citations, onCite }: Props) {
  const blocks = toAnswerBlocks(text, citations.length);
  const line = (segments: Segment[]) =>
    segments.map((segment, index) =>
      'ref' in segment ? (
        <button key={index} type="button" class="ref" onClick={() => onCite(segment.ref)} aria-label={t('answer.cite', { n: segment.ref, title: citationTitle(citations[segment.ref - 1]!) })}>
          [{segment.ref}]
        </button>
      ) : (
        segment.text
      ),
    );
  return (
    <div class="answer-text">
      {blocks.map((block, index) =>
        block.kind === 'list' ? (
          <ul key={index}>{block.lines.map((segments, i) => <li key={i}>{line(segments)}</li>)}</ul>
        ) : block.kind === 'quote' ? (
          <blockquote key={index}>{block.lines.map((segments, i) => <p key={i}>{line(segments)}</p>)}</blockquote>
        ) : (
          <p key={index}>{block.lines.map((segments, i) => [i > 0 && <br key={`br${i}`} />, line(segments)])}</p>
        ),
      )}
    </div>
  );
}
