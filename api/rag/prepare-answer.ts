import type { BaseMessage } from '@langchain/core/messages';
import type { AnswerResult, AskInput, Citation } from './answer-types.ts';
import { buildCitations, buildPromptSources, sourceLabel } from './build-citations.ts';
import { buildAnswerMessages } from './llm/answer-prompt.ts';
import { buildExtractiveAnswer } from './llm/extractive-answer.ts';
import { ProviderName } from './llm/chat-providers.ts';
import type { RagServices } from './rag-services.ts';
import { assessRelevance, RelevanceWeights, type RelevanceAssessment } from './relevance/assess-relevance.ts';
import { displayTitle } from './retrieval/chunk-search-vector.ts';
import { retrieveChunks, type RetrievalResult, type RetrievedChunk } from './retrieval/retrieve-chunks.ts';
import { invalidInput } from '../errors/app-error.ts';

/** Passages retrieved and judged per question; the relevant ones (up to MAX_CITATIONS) are cited. */
const CANDIDATE_PASSAGES = 8;
/** Citations per answer: enough for a multi-part answer, few enough for a small local model's prompt. */
export const MAX_CITATIONS = 5;
const MAX_QUESTION_CHARS = 2_000;
/** Topics named in a "not covered" reply, so the person sees what the hub does have nearby. */
const NEARBY_TOPICS = 3;

export const NOTHING_FOUND_ANSWER =
  "I could not find anything about this in the hub's documents. A moderator can add a document or a FAQ answer for it.";

type JudgedChunk = RetrievedChunk & { title: string };

export interface PreparedAnswer {
  retrieval: RetrievalResult;
  /** Absolute relevance of the best passage and of each, and whether the documents answer at all. */
  assessment: RelevanceAssessment<JudgedChunk>;
  /** The relevant passages, most relevant first: what is cited and what a model is shown. */
  citations: Citation[];
  messages: BaseMessage[];
  retrievalMs: number;
  /** The answer without any LLM: the answering sentences first, then the other passages (also the last fallback). */
  extractive(): string;
}

type Outcome = Omit<AnswerResult, 'questionId' | 'timings'>;

/** Use first in every answer path: retrieves and judges passages, and prepares prompt, citations and the extractive fallback. */
export async function prepareAnswer(services: RagServices, input: AskInput): Promise<PreparedAnswer> {
  const question = input.question.trim();
  if (!question) throw invalidInput('Ask a question: the text is empty.');
  if (question.length > MAX_QUESTION_CHARS) throw invalidInput(`Keep questions under ${MAX_QUESTION_CHARS} characters.`);
  const started = performance.now();
  const retrieval = await retrieveChunks(services, { question, communityId: input.communityId ?? null, k: CANDIDATE_PASSAGES });
  const retrievalMs = Math.round(performance.now() - started);
  const judged = retrieval.chunks.map((chunk) => ({ ...chunk, title: displayTitle(chunk.title, chunk.filename) }));
  const assessment = assessRelevance(retrieval.normalizedQuestion, retrieval.terms, judged, retrieval.corpusChunks);
  const floor = Math.max(RelevanceWeights.passageFloor, assessment.relevance * RelevanceWeights.passageShareOfBest);
  const cited = assessment.passages.filter((p) => p.relevance >= floor).slice(0, MAX_CITATIONS);
  const chunks = cited.map((p) => ({ ...p.passage, score: p.relevance }));
  return {
    retrieval,
    assessment,
    citations: buildCitations(chunks),
    retrievalMs,
    messages: buildAnswerMessages(question, buildPromptSources(chunks)),
    extractive: () =>
      buildExtractiveAnswer(cited.map((p, index) => ({ number: index + 1, label: sourceLabel(p.passage), units: p.evidence.units }))),
  };
}

/**
 * The result when the documents do not answer: nothing retrieved, or nothing relevant enough. No model
 * is asked (it would invent an answer); the reply names what the documents do cover nearby.
 */
export function notCovered(prepared: PreparedAnswer): Outcome | null {
  if (prepared.retrieval.chunks.length > 0 && prepared.assessment.answered && prepared.citations.length > 0) return null;
  const nearby = nearbyTopics(prepared.assessment.passages.map((p) => p.passage));
  const answer = nearby.length === 0
    ? NOTHING_FOUND_ANSWER
    : `The hub's documents do not cover this question. The nearest topics they do cover: ${nearby.join('; ')}. A moderator can add a document or a FAQ answer for it.`;
  return { answer, answered: false, provider: 'none', citations: [], relevance: prepared.assessment.relevance };
}

/** The result from the extractive tier, labelled as such. */
export function extractiveResult(prepared: PreparedAnswer): Outcome {
  return { answer: prepared.extractive(), answered: true, provider: ProviderName.extractive, citations: prepared.citations, relevance: prepared.assessment.relevance };
}

/** Timings of one answer, with the retrieval details. */
export function answerTimings(prepared: PreparedAnswer, generationMs: number, started: number): Record<string, number> {
  return { ...prepared.retrieval.timings, retrievalMs: prepared.retrievalMs, generationMs, totalMs: Math.round(performance.now() - started) };
}

function nearbyTopics(chunks: JudgedChunk[]): string[] {
  const topics: string[] = [];
  for (const chunk of chunks) {
    const section = chunk.sectionPath.at(-1);
    const topic = section && section.length <= 70 && section.toLowerCase() !== chunk.title.toLowerCase() ? `${section} (${chunk.title})` : chunk.title;
    if (!topics.includes(topic)) topics.push(topic);
    if (topics.length === NEARBY_TOPICS) break;
  }
  return topics;
}
