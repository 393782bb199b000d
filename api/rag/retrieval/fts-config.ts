/**
 * PostgreSQL text search configurations by ISO 639-1 code. All of them exist on PostgreSQL 15 and on
 * PGlite (18); anything else is searched with `simple` (no stemming, no stop words), which works for
 * every language, only less forgivingly.
 */
const CONFIG_BY_LANGUAGE: Readonly<Record<string, string>> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english',
  fi: 'finnish', fr: 'french', de: 'german', el: 'greek', hi: 'hindi', hu: 'hungarian', id: 'indonesian',
  ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', nn: 'norwegian',
  pt: 'portuguese', ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish', ta: 'tamil',
  tr: 'turkish', yi: 'yiddish',
};

export const FALLBACK_FTS_CONFIG = 'simple';
const KNOWN_CONFIGS = new Set([...Object.values(CONFIG_BY_LANGUAGE), FALLBACK_FTS_CONFIG]);

/** English function words: when a document's language is unknown, enough of these means English. */
const ENGLISH_MARKERS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'for', 'you', 'your', 'with', 'if', 'or', 'are', 'be', 'that', 'on']);
const ENGLISH_MARKER_SHARE = 0.12;
const SAMPLE_WORDS = 2_000;

/** Use when indexing: the search configuration for a document's language, guessing English from its text when unknown. */
export function ftsConfigFor(language: string | null, sampleText: string): string {
  const code = language?.toLowerCase().slice(0, 2);
  if (code && CONFIG_BY_LANGUAGE[code]) return CONFIG_BY_LANGUAGE[code];
  if (code) return FALLBACK_FTS_CONFIG;
  const words = sampleText.toLowerCase().match(/\p{L}+/gu)?.slice(0, SAMPLE_WORDS) ?? [];
  const markers = words.filter((w) => ENGLISH_MARKERS.has(w)).length;
  return words.length > 0 && markers / words.length >= ENGLISH_MARKER_SHARE ? 'english' : FALLBACK_FTS_CONFIG;
}

/** Only names from the fixed list reach SQL as identifiers; anything else becomes `simple`. */
export function safeFtsConfig(config: string): string {
  return KNOWN_CONFIGS.has(config) ? config : FALLBACK_FTS_CONFIG;
}
