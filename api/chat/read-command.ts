import { chatCommands, type ChatCommand } from './chat-message.ts';

const COMMAND = /^[/!]([a-z]+)(?:@(\S+))?(?:\s+([\s\S]*))?$/i;

/**
 * Use in mappers of platforms where commands are plain text (Matrix `!sources 2`, a Discord mention
 * followed by `/status`): the command and its arguments, or null when the text is not one of ours.
 * `@target` (Telegram's `/help@hub_bot`) is returned for the caller to check.
 */
export function readCommand(text: string): { command: ChatCommand; args: string; target?: string } | null {
  const match = COMMAND.exec(text.trim());
  if (!match) return null;
  const name = match[1]!.toLowerCase();
  if (!(chatCommands as readonly string[]).includes(name)) return null;
  return { command: name as ChatCommand, args: (match[3] ?? '').trim(), ...(match[2] ? { target: match[2] } : {}) };
}
