import { NO_ANSWER_MARKER } from './answer-prompt.ts';

/** Use on a finished model answer: whether it answered, and the text to show without the marker. */
export function readModelAnswer(raw: string): { answer: string; answered: boolean } {
  const text = raw.trim();
  const markerAt = text.indexOf(NO_ANSWER_MARKER);
  // Small models sometimes put the marker after a sentence; anywhere in the first line counts.
  const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
  if (markerAt !== -1 && markerAt < firstLineEnd + NO_ANSWER_MARKER.length) {
    const rest = (text.slice(0, markerAt) + text.slice(markerAt + NO_ANSWER_MARKER.length)).trim().replace(/^[:\-–\s]+/, '');
    return { answer: rest || "The hub's documents do not cover this question.", answered: false };
  }
  return { answer: text, answered: text.length > 0 };
}
