import { tokenizeWords } from '../text/tokenize-words.ts';

/**
 * What kind of value a question asks for, when its wording says so plainly: "how long" wants a
 * duration, "how much does it cost" an amount of money, "how many" a count, "what time" a time of day.
 * A passage that shares the question's words but holds no such value does not answer it: "how long
 * does a tornado last" is not answered by "wear long pants", nor "how much does flood insurance cost"
 * by "obtain flood insurance". Questions of any other form ask for no particular type.
 */
export interface AnswerType {
  name: 'duration' | 'money' | 'count' | 'time of day';
  /** True when the text holds a value of this type. */
  matches(text: string): boolean;
}

const NUMBER = String.raw`(?:\d+(?:[.,]\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|few|several|many|half)`;
const TIME_UNIT = String.raw`(?:second|minute|hour|day|night|week|month|year|decade)s?`;
const DURATION = new RegExp(String.raw`\b${NUMBER}[\s-]+(?:or\s+(?:more|two|three|four)\s+)?${TIME_UNIT}\b|\b(?:seconds|minutes|hours|days|weeks|months|years|overnight)\b`, 'i');
const MONEY = /[$€£¥]\s?\d|\b\d[\d,.]*\s?(?:dollars?|euros?|pounds?|cents?|usd|eur)\b|\b(?:free of charge|no cost|costs? nothing|premiums?)\b/i;
const COUNT = new RegExp(String.raw`\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|hundreds?|thousands?|millions?|several|few)\b`, 'i');
const TIME_OF_DAY = /\b\d{1,2}(?::\d{2})?\s?(?:a\.?m\.?|p\.?m\.?)\b|\b\d{1,2}:\d{2}\b|\b(?:noon|midnight|o'clock|dawn|dusk|sunset|sunrise)\b/i;
const COST_WORDS = new Set(['cost', 'costs', 'price', 'prices', 'pay', 'charge', 'charged', 'spend', 'expensive', 'cheap', 'fee', 'fees']);

/** The type a question asks for, or null when its wording does not say. */
export function expectedAnswerType(question: string): AnswerType | null {
  const words = tokenizeWords(question);
  const after = (first: string, second: string) => words.some((word, index) => word === first && words[index + 1] === second);
  if (words.some((word) => COST_WORDS.has(word)) && (after('how', 'much') || words.includes('cost') || words.includes('price'))) return { name: 'money', matches: (text) => MONEY.test(text) };
  if (after('how', 'long')) return { name: 'duration', matches: (text) => DURATION.test(text) };
  if (after('what', 'time') || (after('when', 'does') && (words.includes('open') || words.includes('close') || words.includes('closes') || words.includes('opens')))) {
    return { name: 'time of day', matches: (text) => TIME_OF_DAY.test(text) };
  }
  if (after('how', 'many')) return { name: 'count', matches: (text) => COUNT.test(text) };
  return null;
}

/**
 * Words that only frame the value asked for ("how *long*", "how *many*", "how *much*", "how *often*"):
 * not topic words, so a passage with "long pants" shares nothing with "how long does a tornado last".
 */
export function quantityFrameWords(question: string): Set<string> {
  const words = tokenizeWords(question);
  return new Set(words.filter((word, index) => words[index - 1] === 'how' && QUANTITY_FRAMES.has(word)));
}

const QUANTITY_FRAMES = new Set(['long', 'many', 'much', 'often', 'soon']);
