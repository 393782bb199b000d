import type { AnswerView } from '../gateway/hub-gateway.ts';

/** An answer for a terminal: the text, then numbered sources with section and pages. */
export function formatAnswer(answer: AnswerView): string {
  const lines = [answer.answer.trim(), ''];
  if (answer.citations.length > 0) {
    lines.push('Sources:');
    answer.citations.forEach((citation, index) => {
      const where = [citation.section, citation.pages.length > 0 ? `p. ${formatPages(citation.pages)}` : null].filter(Boolean).join(', ');
      lines.push(`  [${index + 1}] ${citation.title ?? citation.filename}${where ? ` — ${where}` : ''}`);
    });
    lines.push('');
  }
  lines.push(`(answered by: ${answer.provider})`);
  return lines.join('\n');
}

function formatPages(pages: number[]): string {
  if (pages.length === 0) return '';
  const first = pages[0]!;
  const last = pages[pages.length - 1]!;
  return first === last ? String(first) : `${first}-${last}`;
}
