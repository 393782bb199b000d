/** Words at least this long that share this many first letters are taken as one ("disinfect"/"disinfection"). */
const SHARED_PREFIX = 6;
const VOWEL = /[aeiouy]/;

/**
 * A light suffix-stripper for matching a question's words inside sentences ("gallons" = "gallon",
 * "driving" = "drive", "flooded" = "flood"). Not a linguistic stemmer: it only has to agree with
 * itself, and it errs towards leaving words alone.
 */
export function stemWord(word: string): string {
  let stem = word;
  if (stem.length <= 3) return stem;
  if (stem.endsWith('ies') && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith('sses')) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  for (const suffix of ['ing', 'ed', 'ly']) {
    const base = stem.slice(0, -suffix.length);
    if (stem.endsWith(suffix) && base.length >= 3 && VOWEL.test(base)) {
      stem = base;
      break;
    }
  }
  // "stopped" -> "stopp" -> "stop"; "drive"/"driving" both end as "driv".
  if (/([^aeiouslz])\1$/.test(stem)) stem = stem.slice(0, -1);
  if (stem.endsWith('e') && stem.length > 3) stem = stem.slice(0, -1);
  return stem;
}

/** Use to compare a word of a text with a word of a question. */
export function sameWord(left: string, right: string): boolean {
  if (left === right) return true;
  const a = stemWord(left);
  const b = stemWord(right);
  if (a === b) return true;
  return a.length >= SHARED_PREFIX && b.length >= SHARED_PREFIX && a.slice(0, SHARED_PREFIX) === b.slice(0, SHARED_PREFIX);
}
