import { readFileSync } from 'node:fs';
import path from 'node:path';

/** One evaluation question and the file names (any of them) of the documents that answer it. */
export interface EvalQuestion {
  q: string;
  docs: string[];
}

/**
 * Reads questions from a JSONL file of `{"q": "...", "doc": "file.pdf" | ["a.pdf", "b.pdf"]}`, or from
 * ARAGOG's `eval_questions_relevant_doc.json` (`{questions, filepaths}`); `doc` may be a path, only its
 * file name counts.
 */
export function readEvalQuestions(file: string): EvalQuestion[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.json')) {
    const data = JSON.parse(text) as { questions: string[]; filepaths: string[] };
    return data.questions.map((q, i) => ({ q, docs: [path.basename(data.filepaths[i]!)] }));
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as { q: string; doc: string | string[] };
      return { q: row.q, docs: (Array.isArray(row.doc) ? row.doc : [row.doc]).map((d) => path.basename(d)) };
    });
}
