import type { Citation } from '../api/answer-types.ts';
import type { MessageKey } from '../i18n/en.ts';
import { pageLanguage, t } from '../i18n/translate.ts';

const TIERS: Record<string, MessageKey> = { groq: 'tier.groq', ollama: 'tier.ollama', extractive: 'tier.extractive', none: 'tier.none' };
const SYNC_MODES: Record<string, MessageKey> = { standalone: 'sync.standalone', normal: 'sync.normal', offline: 'sync.offline', recovery: 'sync.recovery' };

/** Which tier answered, in words; a provider the page does not know yet is shown by its name. */
export function tierLabel(provider: string): string {
  const key = TIERS[provider];
  return key ? t(key) : provider;
}

export function syncModeLabel(mode: string): string {
  const key = SYNC_MODES[mode];
  return key ? t(key) : mode;
}

/** The title a citation is shown by: its title, else its file name. */
export function citationTitle(citation: Citation): string {
  return citation.title?.trim() || citation.filename;
}

/** "2", "2-3" or "1, 4" */
export function formatPages(pages: readonly number[]): string {
  if (pages.length === 0) return '';
  const sorted = [...pages].sort((a, b) => a - b);
  const consecutive = sorted.every((page, index) => index === 0 || page === sorted[index - 1]! + 1);
  return consecutive && sorted.length > 1 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join(', ');
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(pageLanguage, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 102.4)) / 10} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The section path without a leading heading that only repeats the title ("Guide > Boiling" -> "Boiling"). */
export function citationSection(citation: Citation): string | null {
  if (!citation.section) return null;
  const title = citationTitle(citation).trim().toLowerCase();
  const parts = citation.section.split(' > ');
  while (parts.length > 0 && parts[0]!.trim().toLowerCase() === title) parts.shift();
  return parts.length > 0 ? parts.join(' > ') : null;
}
