import type { BaseMessage } from '@langchain/core/messages';
import type { ChatProvider } from './chat-providers.ts';

/** Which provider produced the output, read from the tags each model got before joining the chain. */
function createProviderTracker() {
  const byRun = new Map<string, string>();
  let last: string | null = null;
  const handler = {
    handleChatModelStart(_llm: unknown, _messages: unknown, runId: string, _parent?: string, _extra?: unknown, tags?: string[]) {
      const tag = tags?.find((t) => t.startsWith('provider:'));
      if (tag) byRun.set(runId, tag.slice('provider:'.length));
    },
    handleLLMNewToken(_token: string, _idx: unknown, runId: string) {
      last = byRun.get(runId) ?? last;
    },
    handleLLMEnd(_output: unknown, runId: string) {
      last = byRun.get(runId) ?? last;
    },
  };
  return { handler, provider: () => last };
}

function buildChain(providers: readonly ChatProvider[]) {
  const [first, ...rest] = providers;
  if (!first) throw new Error('no LLM provider configured');
  // Each runnable already carries its own timeout and retry budget; the chain adds only the order.
  return rest.length > 0 ? first.runnable.withFallbacks(rest.map((p) => p.runnable)) : first.runnable;
}

/** Use for a complete answer: the first provider that answers wins; throws when all fail. */
export async function invokeAnswerChain(providers: readonly ChatProvider[], messages: BaseMessage[]): Promise<{ text: string; provider: string }> {
  const tracker = createProviderTracker();
  const message = await buildChain(providers).invoke(messages, { callbacks: [tracker.handler] });
  return { text: textOf(message.content), provider: tracker.provider() ?? providers[0]!.name };
}

/**
 * Use for a streamed answer. Fallbacks happen only before the first token; a stream that dies midway
 * throws (the caller then restarts with the providers after the one that died).
 */
export async function* streamAnswerChain(providers: readonly ChatProvider[], messages: BaseMessage[]): AsyncGenerator<{ text: string; provider: string }> {
  const tracker = createProviderTracker();
  const stream = await buildChain(providers).stream(messages, { callbacks: [tracker.handler] });
  for await (const chunk of stream) {
    const text = textOf(chunk.content);
    if (text) yield { text, provider: tracker.provider() ?? providers[0]!.name };
  }
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : ((part as { text?: string }).text ?? ''))).join('');
  return '';
}
