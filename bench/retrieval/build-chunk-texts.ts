import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chunkSections } from '../../api/documents/chunking/chunk-sections.ts';
import { loadWithExtractor } from '../../scripts/eval/load-with-extractor.ts';

/** Base passages: every chunk of every PDF in the folders, extracted and chunked as the hub does. */
export async function loadBasePassages(folders: string[]): Promise<{ title: string; text: string }[]> {
  const passages: { title: string; text: string }[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(folder).filter((n) => n.endsWith('.pdf')).sort()) {
      const loaded = await loadWithExtractor(path.join(folder, name), 'pdf');
      for (const chunk of chunkSections(loaded.sections)) passages.push({ title: loaded.title ?? name, text: chunk.text });
    }
  }
  return passages;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same table. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` chunk texts made from real passages "repeated with variation": beyond the originals, each
 * copy keeps about two thirds of one passage's sentences in a new order and adds sentences borrowed
 * from two other passages. Copies stay real text on one main topic but are not near-duplicates (mild
 * variation made 70 almost identical vectors per passage, which no nearest-neighbour index can order).
 */
export function varyPassages(base: { title: string; text: string }[], count: number, random: () => number): { title: string; text: string }[] {
  const sentencesOf = base.map((p) => p.text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim().length > 0));
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const result: { title: string; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const index = i % base.length;
    if (i < base.length) {
      result.push(base[index]!);
      continue;
    }
    const kept = sentencesOf[index]!.filter(() => random() < KEEP_SHARE);
    const borrowed = Array.from({ length: BORROWED_SENTENCES }, () => pick(pick(sentencesOf)));
    const mixed = [...kept, ...borrowed].sort(() => random() - 0.5);
    result.push({ title: base[index]!.title, text: mixed.join(' ') || base[index]!.text });
  }
  return result;
}

const KEEP_SHARE = 0.65;
const BORROWED_SENTENCES = 3;
