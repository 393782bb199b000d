import type http from 'node:http';
import { listenOnLoopback, readJsonBody, sendBytes, sendJson, type LoopbackServer } from './loopback-server.ts';
import { Recorder } from './recorder.ts';

/**
 * The slice of the Telegram Bot API a polling bot uses: getMe, deleteWebhook, getUpdates (long poll),
 * sendMessage, sendChatAction, getFile and the file download URL. Point grammy's `apiRoot` at `url`.
 */
export interface FakeTelegramBotApi {
  readonly url: string;
  readonly token: string;
  readonly bot: { id: number; is_bot: true; first_name: string; username: string };
  readonly sentMessages: Recorder<{ chat_id: number | string; message_id: number; text: string; parse_mode?: string; reply_parameters?: { message_id: number }; reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> } }>;
  readonly chatActions: Recorder<{ chat_id: number | string; action: string }>;
  /** setMyCommands calls (the "/" menu). */
  readonly commandMenus: Recorder<Array<{ command: string; description: string }>>;
  /** answerCallbackQuery calls: the toast a button press shows. */
  readonly callbackAnswers: Recorder<{ callback_query_id: string; text?: string }>;
  /** sendMessage calls refused with 429 (they are not in sentMessages). */
  readonly refusedMessages: Recorder<{ chat_id: number | string; text: string }>;
  /** Queues an update (update_id is added) and wakes a waiting getUpdates. */
  pushUpdate(update: Record<string, unknown>): void;
  addFile(file: { fileId: string; path: string; bytes: Uint8Array }): void;
  /** Makes `method` ('*' for every call) fail with this Bot API error until cleared with null. */
  setFailure(method: string, failure: { error_code: number; description: string } | null): void;
  /** The next `times` sendMessage calls (to `chatId` only, when given) answer 429 with this retry_after. */
  rateLimitNextMessages(options: { times: number; retryAfterSeconds: number; chatId?: string | number }): void;
  /** What getChatMember says about a user in a chat (default: member). */
  setChatMemberStatus(chatId: number, userId: number, status: 'creator' | 'administrator' | 'member'): void;
  /** A press on an inline button under message `messageId` in `chat`. */
  pressButton(options: { from: { id: number; is_bot: false; first_name: string }; chat: Record<string, unknown>; messageId: number; data: string }): void;
  close(): Promise<void>;
}

export async function startFakeTelegramBotApi(token = '123456:TEST-token'): Promise<FakeTelegramBotApi> {
  const bot = { id: 777000, is_bot: true as const, first_name: 'Hub', username: 'hub_test_bot' };
  const sentMessages: FakeTelegramBotApi['sentMessages'] = new Recorder();
  const chatActions: FakeTelegramBotApi['chatActions'] = new Recorder();
  const queue: Array<Record<string, unknown>> = [];
  const files = new Map<string, { path: string; bytes: Uint8Array }>();
  const pollers = new Set<() => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  const failures = new Map<string, { error_code: number; description: string }>();
  const commandMenus: FakeTelegramBotApi['commandMenus'] = new Recorder();
  const callbackAnswers: FakeTelegramBotApi['callbackAnswers'] = new Recorder();
  const refusedMessages: FakeTelegramBotApi['refusedMessages'] = new Recorder();
  const rateLimits: Array<{ times: number; retryAfterSeconds: number; chatId?: string }> = [];
  const memberStatuses = new Map<string, string>();
  let nextCallbackId = 1;

  /** A 429 for this sendMessage, if one is scripted. */
  function takeRateLimit(params: Record<string, unknown>): number | null {
    const rule = rateLimits.find((r) => r.times > 0 && (r.chatId === undefined || r.chatId === String(params.chat_id)));
    if (!rule) return null;
    rule.times--;
    return rule.retryAfterSeconds;
  }

  const methods: Record<string, (params: Record<string, unknown>) => unknown> = {
    getMe: () => bot,
    deleteWebhook: () => true,
    sendChatAction: (params) => {
      chatActions.push(params as { chat_id: number; action: string });
      return true;
    },
    sendMessage: (params) => {
      const messageId = nextMessageId++;
      sentMessages.push({ ...(params as { chat_id: number; text: string }), message_id: messageId });
      return { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: params.chat_id, type: 'private' }, from: bot, text: params.text };
    },
    setMyCommands: (params) => {
      commandMenus.push(params.commands as Array<{ command: string; description: string }>);
      return true;
    },
    answerCallbackQuery: (params) => {
      callbackAnswers.push(params as { callback_query_id: string; text?: string });
      return true;
    },
    getChatMember: (params) => ({ status: memberStatuses.get(`${params.chat_id}:${params.user_id}`) ?? 'member', user: { id: params.user_id, is_bot: false, first_name: 'Someone' } }),
    getFile: (params) => {
      const file = files.get(String(params.file_id));
      return file ? { file_id: params.file_id, file_unique_id: `u-${params.file_id}`, file_size: file.bytes.byteLength, file_path: file.path } : undefined;
    },
  };

  function takeUpdates(offset: number): Array<Record<string, unknown>> {
    // Telegram forgets every update below the offset the bot confirms.
    while (queue.length > 0 && Number(queue[0]!.update_id) < offset) queue.shift();
    return [...queue];
  }

  async function getUpdates(request: http.IncomingMessage, response: http.ServerResponse, params: Record<string, unknown>) {
    const offset = Number(params.offset ?? 0);
    const timeoutMs = Number(params.timeout ?? 0) * 1000;
    let updates = takeUpdates(offset);
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          pollers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeoutMs);
        pollers.add(wake);
        request.once('close', wake);
      });
      updates = takeUpdates(offset);
    }
    if (!response.destroyed) sendJson(response, 200, { ok: true, result: updates });
  }

  const server: LoopbackServer = await listenOnLoopback(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://fake');
    const download = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (download) {
      const file = [...files.values()].find((f) => f.path === download[2]);
      if (download[1] !== token || !file) return sendJson(response, 404, { ok: false, error_code: 404, description: 'Not Found' });
      return sendBytes(response, file.bytes);
    }
    const call = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!call || call[1] !== token) return sendJson(response, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const failure = failures.get(call[2]!) ?? failures.get('*');
    if (failure) return sendJson(response, failure.error_code, { ok: false, ...failure });
    const params = await readJsonBody(request);
    if (call[2] === 'getUpdates') return getUpdates(request, response, params);
    const retryAfter = call[2] === 'sendMessage' ? takeRateLimit(params) : null;
    if (retryAfter !== null) {
      refusedMessages.push(params as { chat_id: number; text: string });
      return sendJson(response, 429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    const result = methods[call[2]!]?.(params);
    if (result === undefined) return sendJson(response, 400, { ok: false, error_code: 400, description: `Bad Request: fake cannot ${call[2]}` });
    sendJson(response, 200, { ok: true, result });
  });

  return {
    url: server.url,
    token,
    bot,
    sentMessages,
    chatActions,
    commandMenus,
    callbackAnswers,
    refusedMessages,
    rateLimitNextMessages(options) {
      rateLimits.push({ times: options.times, retryAfterSeconds: options.retryAfterSeconds, ...(options.chatId === undefined ? {} : { chatId: String(options.chatId) }) });
    },
    setChatMemberStatus(chatId, userId, status) {
      memberStatuses.set(`${chatId}:${userId}`, status);
    },
    pressButton(options) {
      const update = {
        update_id: nextUpdateId++,
        callback_query: { id: String(nextCallbackId++), from: options.from, chat_instance: 'ci', data: options.data, message: { message_id: options.messageId, date: 1, chat: options.chat, from: bot, text: '…' } },
      };
      queue.push(update);
      for (const wake of [...pollers]) wake();
    },
    pushUpdate(update) {
      queue.push({ update_id: nextUpdateId++, ...update });
      for (const wake of [...pollers]) wake();
    },
    addFile(file) {
      files.set(file.fileId, { path: file.path, bytes: file.bytes });
    },
    setFailure(method, failure) {
      if (failure) failures.set(method, failure);
      else failures.delete(method);
    },
    close: () => {
      for (const wake of [...pollers]) wake();
      return server.close();
    },
  };
}
