/**
 * Text in a document that talks to an AI assistant rather than to a reader: "ignore previous
 * instructions", "you are now ...", "system prompt", role markers. Quoting it as an answer would hand
 * a document's author the hub's voice, so the extractive tier never quotes such a sentence and it
 * earns a passage no relevance.
 */
const AIMED_AT_ASSISTANT: readonly RegExp[] = [
  /\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(previous|prior|above|earlier|all|any|your|the)\b.{0,30}\b(instructions?|prompts?|rules?|directions?|guidelines?|messages?|context)\b/i,
  /\byou are (now|no longer) (an?|the|my|in|called|named|free|unrestricted|jailbroken|dan)\b/i,
  /\b(act|behave|respond|answer) as (if you were |though you were )?(an?|the) (ai|assistant|chatbot|language model|system|admin|developer)\b/i,
  /\bfrom now on,? (you|the assistant)\b/i,
  /\b(new|updated|real|actual|hidden|secret) (system )?(instructions?|prompt|rules)\b/i,
  /\b(system|developer) (prompt|message|instructions?)\b/i,
  /\b(reveal|print|show|repeat|output|leak) (your|the) (system |hidden |secret )?(prompt|instructions|rules|configuration|api key|password|token)s?\b/i,
  /\b(as an ai|as a language model|dear (ai|assistant|chatbot|llm))\b/i,
  /^\s*(system|assistant|developer)\s*[:>]/i,
  /<\/?\s*(system|assistant|user|source|instructions?)\s*>|\[\/?(INST|SYS)\]|<\|[a-z_]+\|>/i,
];

/** Use before quoting a document sentence as an answer: true when it addresses the assistant, not the reader. */
export function isAimedAtAssistant(text: string): boolean {
  const plain = text.normalize('NFKC').replace(/[\u200b-\u200f\u2060\ufeff]/g, '');
  return AIMED_AT_ASSISTANT.some((pattern) => pattern.test(plain));
}
