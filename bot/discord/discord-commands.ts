import { ApplicationCommandOptionType, type ApplicationCommandData, type Client } from 'discord.js';
import type { Logger } from '#api/logging/create-logger.ts';

/** The slash commands, the same set every platform offers. */
export const DISCORD_COMMANDS: ApplicationCommandData[] = [
  { name: 'ask', description: 'Ask a question about the community documents', options: [{ name: 'question', description: 'Your question', type: ApplicationCommandOptionType.String, required: true }] },
  { name: 'sources', description: 'The documents I answer from', options: [{ name: 'page', description: 'Page number', type: ApplicationCommandOptionType.Integer, required: false, minValue: 1 }] },
  { name: 'status', description: 'What is working right now' },
  { name: 'subscribe', description: 'Post community updates in this channel' },
  { name: 'unsubscribe', description: 'Stop community updates in this channel' },
  { name: 'help', description: 'What I do and how to ask' },
  { name: 'start', description: 'A short welcome' },
];

/** Registers the slash commands globally (one bulk overwrite per start, so a renamed command never lingers). */
export async function registerDiscordCommands(client: Client<true>, logger: Logger): Promise<void> {
  await client.application.commands.set(DISCORD_COMMANDS).catch((error: unknown) => logger.warn({ err: error }, 'could not register the discord slash commands; mentions still work'));
}
