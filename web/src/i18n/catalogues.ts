import { en, type Catalogue } from './en.ts';

/** Languages the page is translated into; the first one a browser prefers wins, English otherwise. */
export const catalogues: Record<string, Catalogue> = { en };
