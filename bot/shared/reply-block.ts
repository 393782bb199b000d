/** How a paragraph should look; adapters map these to HTML, Markdown or plain text. */
export const BlockStyle = {
  /** Ordinary text from the core (answers, receipts); shown literally, never as markup. */
  text: 'text',
  /** A caveat the reader must not miss, e.g. "no language model answered, these are quotes". */
  note: 'note',
  heading: 'heading',
  /** Numbered lines, one per source; `[n]` in the answer refers to line n. */
  list: 'list',
  /** "[1] Flood guide, p. 3": names the quote below it and is never separated from it. */
  label: 'label',
  /** A passage quoted as it is in a document (Telegram <blockquote>, Discord `>`, Matrix <blockquote>). */
  quote: 'quote',
  /** Markdown table rows (`| a | b |`), the first being the header; rendered readably per platform. */
  table: 'table',
} as const;
export type BlockStyle = (typeof BlockStyle)[keyof typeof BlockStyle];

export interface ReplyBlock {
  style: BlockStyle;
  text: string;
}

/** Styles that introduce what follows: a message never ends with one. */
export function keepsWithNext(block: ReplyBlock): boolean {
  return block.style === BlockStyle.heading || block.style === BlockStyle.label;
}
