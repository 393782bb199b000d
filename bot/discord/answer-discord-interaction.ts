import { MessageFlags, PermissionFlagsBits, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from 'discord.js';
import { chatCommands, type ChatCommand, type IncomingChatMessage } from '#api/chat/chat-message.ts';
import type { Logger } from '#api/logging/create-logger.ts';
import { answerChatMessage } from '../shared/answer-chat-message.ts';
import type { HandleChatMessage, HandleFeedback } from '../shared/chat-adapter.ts';
import { FEEDBACK_THANKS, readFeedbackToken } from '../shared/feedback-token.ts';
import type { SendQueue } from '../shared/send-queue.ts';
import type { TaskTracker } from '../shared/track-tasks.ts';
import { feedbackButtons } from './feedback-buttons.ts';
import { formatDiscordMarkdown } from './format-discord-markdown.ts';

const NO_PINGS = { parse: [], repliedUser: false } as const;
/** A deferred reply shows "thinking…" until edited; it never needs repeating. */
const NO_REPEAT_MS = 15 * 60_000;

export interface DiscordInteractionDeps {
  handle: HandleChatMessage;
  vote?: HandleFeedback;
  logger: Logger;
  tasks: TaskTracker;
  queue: SendQueue;
}

/** Listener for slash commands and the feedback buttons. */
export function answerDiscordInteraction(interaction: Interaction, deps: DiscordInteractionDeps): void {
  if (interaction.isButton()) {
    const vote = deps.vote;
    if (vote) deps.tasks.run(() => recordButtonVote(interaction, vote, deps.logger));
    return;
  }
  if (!interaction.isChatInputCommand() || !(chatCommands as readonly string[]).includes(interaction.commandName)) return;
  deps.tasks.run(() => answerCommand(interaction, deps));
}

async function answerCommand(interaction: ChatInputCommandInteraction, deps: DiscordInteractionDeps): Promise<void> {
  const incoming = toCommandMessage(interaction);
  const logger = deps.logger.child({ platform: 'discord', chatId: incoming.chatId, interactionId: interaction.id });
  // Discord drops an interaction not acknowledged within 3 s; "thinking…" shows until the answer replaces it.
  try {
    await interaction.deferReply();
  } catch (error) {
    logger.warn({ err: error }, 'could not acknowledge the slash command');
    return;
  }
  await answerChatMessage(incoming, {
    handle: deps.handle,
    logger,
    typing: { show: async () => {}, repeatEveryMs: NO_REPEAT_MS },
    render: { howToAskInGroups: 'use /ask, or mention me in your message', commandPrefix: '/' },
    async send(blocks, extras) {
      const messages = formatDiscordMarkdown(blocks);
      for (const [index, content] of messages.entries()) {
        const components = index === messages.length - 1 && deps.vote && extras.feedbackFor ? [feedbackButtons(extras.feedbackFor)] : [];
        const options = { content, allowedMentions: NO_PINGS, components };
        await deps.queue.run(incoming.chatId, !incoming.isDirect, () => (index === 0 ? interaction.editReply(options) : interaction.followUp(options)));
      }
    },
  });
}

/** A slash command as the core's neutral message; its options become the text (the question, the page). */
export function toCommandMessage(interaction: ChatInputCommandInteraction): IncomingChatMessage {
  const command = interaction.commandName as ChatCommand;
  const args = command === 'ask' ? (interaction.options.getString('question') ?? '') : command === 'sources' ? String(interaction.options.getInteger('page') ?? '') : '';
  const member = interaction.member;
  const nickname = member && 'displayName' in member ? member.displayName : (member?.nick ?? undefined);
  const channelName = interaction.channel && 'name' in interaction.channel ? interaction.channel.name : undefined;
  return {
    platform: 'discord',
    chatId: interaction.channelId,
    chatTitle: interaction.guildId ? [interaction.guild?.name, channelName ? `#${channelName}` : undefined].filter(Boolean).join(' ') || undefined : undefined,
    isDirect: interaction.guildId === null,
    sender: { id: interaction.user.id, displayName: nickname ?? interaction.user.globalName ?? interaction.user.username },
    text: args,
    ...(command === 'ask' ? {} : { command }),
    isChatAdmin: async () => interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

async function recordButtonVote(interaction: ButtonInteraction, vote: HandleFeedback, logger: Logger): Promise<void> {
  const token = readFeedbackToken(interaction.customId);
  if (!token) return;
  const recorded = await vote({ platform: 'discord', questionId: token.questionId, voterId: interaction.user.id, helpful: token.helpful }).catch((error: unknown) => {
    logger.error({ err: error }, 'could not record feedback');
    return false;
  });
  // Only the voter sees the thanks.
  await interaction.reply({ content: recorded ? FEEDBACK_THANKS : 'That answer is no longer known to the hub.', flags: MessageFlags.Ephemeral }).catch((error: unknown) => logger.warn({ err: error }, 'could not confirm the vote'));
}
