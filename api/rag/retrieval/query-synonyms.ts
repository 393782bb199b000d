/**
 * Everyday words people type in a chat, mapped to the words preparedness guides use. Full-text search
 * and the built-in embedder only match words, so without this "twister" never finds the tornado sheet.
 * Expansions are added to the question with a lower weight than the person's own words. Keep entries
 * general (any preparedness library), not tuned to one document.
 */
const SYNONYMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\btwisters?\b/, 'tornado'],
  [/\b(mud ?slides?|mud ?flows?|rock ?slides?)\b/, 'landslide debris flow'],
  [/\b(forest|bush|brush|grass) ?fires?\b/, 'wildfire'],
  [/\b(quakes?|tremors?)\b/, 'earthquake'],
  [/\btidal waves?\b/, 'tsunami'],
  [/\b(hurricanes?|typhoons?|cyclones?)\b/, 'hurricane tropical storm'],
  [/\b(blackouts?|power (cut|failure)s?|no (power|electricity)|lights? (went|go) out)\b/, 'power outage'],
  [/\b(purif(y|ying|ied)|sterili[sz]e|make .{0,20}water safe|clean .{0,10}water)\b/, 'disinfect treat water'],
  [/\b(go[- ]?bag|grab[- ]?bag|bug[- ]?out bag|survival kit)\b/, 'emergency supply kit'],
  [/\b(stock ?pile|stock up|hoard)\b/, 'store supplies'],
  [/\bfridge\b/, 'refrigerator'],
  [/\b(meds|medicines?|pills|prescriptions?)\b/, 'medications'],
  [/\b(elderly|seniors?|old (people|person|folks)|aging parents?)\b/, 'older adults'],
  [/\b(disabled|wheelchair)\b/, 'disabilities access functional needs'],
  [/\b(leave|flee|get out)\b/, 'evacuate'],
  [/\b(stay (inside|indoors|home)|lock ?down)\b/, 'shelter in place'],
  [/\b(sun ?stroke|overheat(ed|ing)?)\b/, 'heat stroke'],
  [/\b(masks?|breathing)\b/, 'respirator'],
  [/\b(cars?|trucks?)\b/, 'vehicle'],
  [/\b(toilets?|loo|bathroom)\b/, 'sanitation'],
  [/\b(company|companies|factory|factories|workplace|office|shop|store owners?)\b/, 'business facility employees'],
  [/\b(kids|child)\b/, 'children'],
  [/\b(dogs?|cats?|pets?)\b/, 'pets animals'],
  [/\b(sea|beach)\b/, 'ocean coast'],
  [/\bgas (leak|smell)\b/, 'natural gas utilities shut off'],
];

/** An everyday phrase found in a question and the guide words it stands for. */
export interface SynonymMatch {
  /** The words of the question the expansion stands for ("twister"). */
  matched: string;
  expansion: string;
}

/** Use before searching: extra words (in guide vocabulary) for the everyday words in a question. */
export function expandSynonyms(question: string): string[] {
  return findSynonyms(question).map((match) => match.expansion);
}

/** The everyday phrases of a question with their guide words, so a passage saying "tornado" covers "twister". */
export function findSynonyms(question: string): SynonymMatch[] {
  const lower = question.toLowerCase();
  return SYNONYMS.flatMap(([pattern, expansion]) => {
    const match = pattern.exec(lower);
    return match ? [{ matched: match[0], expansion }] : [];
  });
}
