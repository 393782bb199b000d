/**
 * Chat shorthand and contractions written without their apostrophe, as people type them, mapped to
 * the words they stand for. Otherwise "wat", "dont" or "im" look like rare words the documents never
 * use: a question would seem to ask about something the hub does not cover, and the search would
 * chase noise. Only unambiguous forms are listed ("id", "its", "wont" and "us" are real words too).
 */
const SHORTHAND: ReadonlyMap<string, string> = new Map([
  ['u', 'you'], ['ur', 'your'], ['r', 'are'], ['ya', 'you'], ['y', 'why'], ['hw', 'how'], ['wat', 'what'], ['wut', 'what'], ['wht', 'what'],
  ['shud', 'should'], ['shld', 'should'], ['cud', 'could'], ['wud', 'would'], ['pls', 'please'], ['plz', 'please'],
  ['thx', 'thanks'], ['ty', 'thanks'], ['im', 'i am'], ['ive', 'i have'], ['dont', 'do not'], ['doesnt', 'does not'],
  ['didnt', 'did not'], ['cant', 'cannot'], ['isnt', 'is not'], ['arent', 'are not'], ['wasnt', 'was not'],
  ['werent', 'were not'], ['shouldnt', 'should not'], ['couldnt', 'could not'], ['wouldnt', 'would not'],
  ['havent', 'have not'], ['hasnt', 'has not'], ['whats', 'what is'], ['wheres', 'where is'], ['hows', 'how is'],
  ['whos', 'who is'], ['thats', 'that is'], ['theres', 'there is'], ['b4', 'before'], ['bc', 'because'],
  ['cuz', 'because'], ['coz', 'because'], ['abt', 'about'], ['ppl', 'people'], ['sth', 'something'],
  ['smth', 'something'], ['nite', 'night'], ['thru', 'through'], ['tho', 'though'], ['gonna', 'going to'],
  ['wanna', 'want to'], ['gotta', 'have to'], ['asap', 'as soon as possible'], ['2day', 'today'], ['tmrw', 'tomorrow'],
  ['n', 'and'], ['w', 'with'], ['idk', 'i do not know'],
]);

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Use on a question before searching: chat shorthand and apostrophe-less contractions become plain
 * words ("wat shud i do w/o power" -> "what should i do without power"); everything else is kept.
 */
export function normalizeChatText(text: string): string {
  return text
    .replace(/\bw\/o\b/gi, 'without')
    .replace(/\bw\//gi, 'with ')
    .replace(/\b(can|won)['’]t\b/gi, (_, stem: string) => (stem.toLowerCase() === 'can' ? 'cannot' : 'will not'))
    .replace(/\b(\p{L}+)n['’]t\b/giu, '$1 not')
    .replace(/\b(\p{L}+)['’](s|re|ll|ve|m|d)\b/giu, '$1')
    .replace(WORD, (word) => SHORTHAND.get(word.toLowerCase()) ?? word);
}
