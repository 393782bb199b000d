import { joinGroupText, type LineGroup } from './group-blocks.ts';

/** A heading is at least this much larger than body text... */
const HEADING_SIZE_RATIO = 1.1;
/** ...or this much larger in a face of its own (a "Medium" sans over a "Light" serif body). */
const HEADING_FACE_SIZE_RATIO = 1.05;
/** Bold or italic text this much smaller than body text is a label, a footnote or a table cell. */
const BODY_SIZE_TOLERANCE = 0.95;
const MAX_HEADING_LINES = 3;
const MAX_HEADING_CHARACTERS = 200;
/** Bold body-size lines this short may be headings (longer ones are emphasised paragraphs). */
const MAX_BOLD_HEADING_CHARACTERS = 120;
/** Italic alone is a weaker sign: only a short standalone line counts. */
const MAX_ITALIC_HEADING_CHARACTERS = 60;
const MAX_TAGGED_HEADING_WORDS = 15;
const MAX_TAGGED_SENTENCE_WORDS = 8;

/** Captions name what they caption: "Figure 3-1 ...", "Table 2: ...", "Source: ...". */
const CAPTION = /^(fig(ure)?|table|tab|source|note|photo|example|chart|map)\b\.?\s*[\d.:-]/i;
/**
 * Sentences, clauses and lead-ins end in punctuation, and a word hyphenated at the line end goes on
 * below; headings do neither (an ellipsis is a teaser, kept).
 */
const ENDS_LIKE_SENTENCE = /(?<!\.\.)[.,;:]$|\p{L}-$/u;
/**
 * A publication code with its date ("FEMA 141/October 1993", "FEMA V-1005/March 2018", "EPA
 * 816-F-15-003 SEPTEMBER 2017"): printed on covers and in running footers, never a section title.
 */
const PUBLICATION_DATE = /\s*[/,|–-]?\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?(?:19|20)\d{2}$/i;
const AGENCY_CODE = /^[A-Z]{2,}[\s-]*(?:[A-Z]{1,2}-?)?\d[\w.-]*$/;
const FORM_NUMBER = /^[A-Z]{2,}\d{5,}$/;
const isPublicationCode = (text: string) => {
  const undated = text.replace(PUBLICATION_DATE, '');
  return FORM_NUMBER.test(text) || (undated !== text && AGENCY_CODE.test(undated));
};
const ADDRESS = /^(https?:\/\/|www\.)|\b[\w.-]+\.(com|org|gov|net|edu)\b|\S+@\S+\.\w+/i;
const hasWords = (text: string) => /\p{L}{2,}/u.test(text);
const startsLowercase = (text: string) => /^\P{L}*\p{Ll}/u.test(text);

/** The size and face most of a document's text is set in. */
export interface BodyStyle {
  size: number;
  font: string | undefined;
}

export interface HeadingCandidate {
  group: LineGroup;
  text: string;
  size: number;
}

/** Some authoring tools tag whole paragraphs as headings: a tagged "heading" that is clearly a sentence is not taken. */
function misTagged(text: string): boolean {
  const words = text.split(/\s+/).length;
  return words > MAX_TAGGED_HEADING_WORDS || (ENDS_LIKE_SENTENCE.test(text) && words > MAX_TAGGED_SENTENCE_WORDS);
}

/** What no heading looks like, whatever its size: a sentence, a bullet point, a run-in lead, a caption, an address. */
function readsLikeBody(group: LineGroup, text: string): boolean {
  if (group.lines.length > MAX_HEADING_LINES || text.length > MAX_HEADING_CHARACTERS || !hasWords(text)) return true;
  if (group.listItem && !group.listItem.ordered) return true;
  // A bold lead-in that goes on in regular type is the start of a paragraph, not a heading.
  const bold = group.lines.filter((line) => line.bold).length;
  if (group.lines.some((line) => line.startsBold) || (bold > 0 && bold < group.lines.length)) return true;
  return startsLowercase(text) || ENDS_LIKE_SENTENCE.test(text) || CAPTION.test(text) || ADDRESS.test(text) || isPublicationCode(text);
}

/**
 * Whether a group of lines can be a heading: declared by the file (tags, bookmarks), or short text
 * that is larger than the body text, bold, or alone in italics, and reads like a title rather than a
 * sentence, a bullet point, a caption or a web address.
 */
export function headingCandidate(group: LineGroup, body: BodyStyle): HeadingCandidate | undefined {
  const first = group.lines[0]!;
  const text = joinGroupText(group.lines);
  const fullText = group.listItem ? `${group.listItem.marker} ${text}` : text;
  if (first.declaredBody || group.lines.every((line) => line.monospace)) return undefined;
  if (first.declaredHeadingLevel !== undefined) return misTagged(fullText) ? undefined : { group, text: fullText, size: first.fontSize };
  if (readsLikeBody(group, fullText)) return undefined;
  const size = Math.max(...group.lines.map((line) => line.fontSize));
  const ownFace = body.font !== undefined && group.lines.every((line) => line.font !== undefined && line.font !== body.font);
  const larger = size >= body.size * HEADING_SIZE_RATIO || (ownFace && size >= body.size * HEADING_FACE_SIZE_RATIO);
  const bodySized = size >= body.size * BODY_SIZE_TOLERANCE;
  const boldShort = group.lines.every((line) => line.bold) && bodySized && fullText.length <= MAX_BOLD_HEADING_CHARACTERS;
  const italicShort = group.lines.length === 1 && first.italic === true && bodySized && fullText.length <= MAX_ITALIC_HEADING_CHARACTERS;
  return larger || boldShort || italicShort ? { group, text: fullText, size } : undefined;
}
