import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One evaluation question: the documents that answer it (any of them), or none when it is unanswerable. */
export interface EvalQuestion {
  q: string;
  /** File names of the documents that answer it; empty for an unanswerable question. */
  docs: string[];
  /** Phrases of which the answer text must contain one (case-insensitive) to count as a correct fact. */
  keys: string[];
  /** For unanswerable questions: far (another topic) or near (the documents touch the topic, not the answer). */
  unanswerable?: 'far' | 'near';
  /** chat: written as people type in chats (typos, no punctuation, shorthand). */
  style?: 'chat';
}

interface QuestionRow {
  q: string;
  doc: string | string[] | null;
  key?: string | string[];
  unanswerable?: 'far' | 'near';
  style?: 'chat';
}

/**
 * Reads questions from a JSONL file of `{"q", "doc": "file.pdf" | [...] | null, "key"?, "unanswerable"?,
 * "style"?}`, or from ARAGOG's `eval_questions_relevant_doc.json` (`{questions, filepaths}`); `doc` may
 * be a path, only its file name counts.
 */
export function readEvalQuestions(file: string): EvalQuestion[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const data = JSON.parse(text) as { questions: string[]; filepaths: string[] };
    return data.questions.map((q, i) => ({ q, docs: [path.basename(data.filepaths[i]!)], keys: [] }));
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as QuestionRow;
      const docs = row.doc === null ? [] : Array.isArray(row.doc) ? row.doc : [row.doc];
      const keys = row.key === undefined ? [] : Array.isArray(row.key) ? row.key : [row.key];
      return { q: row.q, docs: docs.map((d) => path.basename(d)), keys, unanswerable: row.unanswerable, style: row.style };
    });
}
