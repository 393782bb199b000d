import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent } from 'discord.js';
import { feedbackToken, THUMBS_DOWN, THUMBS_UP } from '../shared/feedback-token.ts';

/** The 👍 / 👎 buttons under the last message of an answer. */
export function feedbackButtons(questionId: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackToken(questionId, true), emoji: { name: THUMBS_UP } },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: feedbackToken(questionId, false), emoji: { name: THUMBS_DOWN } },
    ],
  };
}
