/** Text made safe inside HTML (Telegram's HTML parse mode, Matrix formatted_body). */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
