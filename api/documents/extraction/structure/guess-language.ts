/** The most frequent short words of each language; enough to tell them apart on a page of text. */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'are', 'this', 'be', 'on'],
  de: ['der', 'die', 'und', 'in', 'den', 'von', 'zu', 'das', 'mit', 'sich', 'des', 'auf', 'ist', 'nicht', 'ein'],
  fr: ['le', 'la', 'les', 'de', 'et', 'des', 'en', 'un', 'une', 'du', 'est', 'que', 'pour', 'dans', 'pas'],
  es: ['el', 'la', 'de', 'que', 'y', 'en', 'los', 'las', 'del', 'se', 'por', 'un', 'una', 'para', 'con'],
  it: ['il', 'di', 'che', 'e', 'la', 'per', 'un', 'una', 'non', 'sono', 'del', 'della', 'con', 'gli', 'le'],
  pt: ['o', 'a', 'de', 'que', 'e', 'do', 'da', 'em', 'um', 'uma', 'para', 'os', 'não', 'com', 'as'],
  nl: ['de', 'het', 'een', 'van', 'en', 'in', 'is', 'dat', 'op', 'te', 'zijn', 'voor', 'met', 'niet', 'die'],
};

/** Scripts that identify a language by themselves. */
const SCRIPTS: ReadonlyArray<[string, RegExp]> = [
  ['ko', /[\uac00-\ud7af]/g],
  ['ja', /[\u3040-\u30ff]/g],
  ['zh', /[\u4e00-\u9fff]/g],
  ['ar', /[\u0600-\u06ff]/g],
  ['ru', /[\u0400-\u04ff]/g],
  ['el', /[\u0370-\u03ff]/g],
  ['he', /[\u0590-\u05ff]/g],
];

const SAMPLE_CHARACTERS = 20_000;
const MIN_WORDS = 20;
/** Share of the letters a script must hold to decide the language. */
const MIN_SCRIPT_SHARE = 0.3;
/** How much the best stopword score must beat the runner-up. */
const MIN_LEAD = 1.3;

/** An ISO 639-1 guess of a text's main language, or null when the text is short or ambiguous. */
export function guessLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARACTERS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return null;
  for (const [language, pattern] of SCRIPTS) {
    if ((sample.match(pattern)?.length ?? 0) / letters >= MIN_SCRIPT_SHARE) return language;
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const scores = Object.entries(STOPWORDS).map(([language, list]) => {
    const set = new Set(list);
    return [language, words.filter((word) => set.has(word)).length] as const;
  });
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] === 0 || (second && best[1] < second[1] * MIN_LEAD)) return null;
  return best[0];
}
