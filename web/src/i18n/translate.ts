import { catalogues } from './catalogues.ts';
import { en, type Catalogue, type MessageKey } from './en.ts';

/** The catalogue for the browser's first preferred language that the page has, else English. */
export function pickCatalogue(languages: readonly string[]): { lang: string; messages: Catalogue } {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0]!;
    const messages = catalogues[language.toLowerCase()] ?? catalogues[base];
    if (messages) return { lang: catalogues[language.toLowerCase()] ? language : base, messages };
  }
  return { lang: 'en', messages: en };
}

const chosen = pickCatalogue(typeof navigator === 'undefined' ? [] : navigator.languages ?? [navigator.language]);
export const pageLanguage = chosen.lang;

/** The text for `key`, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = chosen.messages[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
