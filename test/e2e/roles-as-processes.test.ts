/**
 * `hub start --role` as separate processes on one PostgreSQL, as docker-compose.local.yml runs them:
 * the api process only queues uploads, worker processes (two, sharing the pg-boss queue) process them,
 * and of two bot processes with the same Telegram token exactly one is connected at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegramBotApi, type FakeTelegramBotApi } from '../fakes/chat/fake-telegram-bot-api.ts';
import { createServerDatabaseUrl, testEngine } from '../support/test-database.ts';
import { eventually, startHubRole, type RoleProcess } from '../support/start-hub-role.ts';

const TOKEN = 'roles-test-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };
const onPostgres = testEngine === 'postgres';

describe.skipIf(!onPostgres)('roles as separate processes (needs TEST_DATABASE_URL: the embedded database allows one process)', () => {
  const processes: RoleProcess[] = [];
  let database: { url: string; drop(): Promise<void> };
  let env: Record<string, string>;
  beforeAll(async () => {
    database = await createServerDatabaseUrl(process.env.TEST_DATABASE_URL!);
    env = { DATABASE_URL: database.url, HUB_API_TOKEN: TOKEN, LLM_PROVIDER: 'none', LOG_LEVEL: 'info', HUB_DATA_DIR: `/tmp/hub-roles-${process.pid}` };
  });
  afterAll(async () => {
    await Promise.all(processes.map((role) => role.stop()));
    await database?.drop();
  });
  const start = async (roles: string, extra: Record<string, string> = {}) => {
    const role = await startHubRole(roles, { ...env, ...extra });
    processes.push(role);
    return role;
  };

  it('queues an upload in the api process and processes it in a workers process', async () => {
    const api = await start('api');
    const form = new FormData();
    form.set('file', new Blob(['Shelter at the community hall on Elm Street when the river floods.']), 'shelter.txt');
    const upload = await fetch(`${api.url}/api/documents`, { method: 'POST', headers: auth, body: form });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const status = async () => ((await (await fetch(`${api.url}/api/documents/${id}`, { headers: auth })).json()) as { status: string }).status;
    // Nobody works the queue yet.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await status()).toBe('queued');

    const workers = [await start('workers'), await start('workers')];
    expect((await fetch(`${workers[0]!.url}/health/ready`)).status).toBe(200);
    await eventually(async () => (await status()) === 'ready', 'the document to be processed');
    const finishedBy = workers.filter((worker) => worker.output.some((line) => line.includes('"job finished"') && line.includes('process-document')));
    expect(finishedBy).toHaveLength(1);
    expect(api.output.some((line) => line.includes('"job finished"'))).toBe(false);
  }, 120_000);

  describe('bot processes', () => {
    let telegram: FakeTelegramBotApi;
    beforeAll(async () => {
      telegram = await startFakeTelegramBotApi();
    });
    afterAll(async () => telegram?.close());

    const ask = (text: string, updateId: number) =>
      telegram.pushUpdate({ message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: 4242, type: 'private' }, from: { id: 4242, is_bot: false, first_name: 'Ana' }, text } });

    it('connects one bot per token; a second one waits and takes over when the first stops', async () => {
      const chat = { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url };
      const replies = () => telegram.sentMessages.items.length;
      const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
      const first = await start('bot', chat);
      const secondOutput: string[] = [];
      const secondStarting = startHubRole('bot', { ...env, ...chat }, secondOutput);
      const waitingMessage = /another bot process is connected with the same chat platform token/;
      ask('where is the shelter?', 1);
      await eventually(() => replies() >= 1, 'an answer from the first bot');
      await settle();
      const afterFirst = replies();

      // The second process waits for the token's lease instead of polling Telegram too: one answer per question.
      await eventually(() => secondOutput.some((line) => waitingMessage.test(line)), 'the second bot to wait');
      ask('and the water?', 2);
      await eventually(() => replies() > afterFirst, 'an answer to the second question');
      await settle();
      expect(replies() - afterFirst).toBe(1);
      expect(await Promise.race([secondStarting.then(() => 'started'), settle().then(() => 'waiting')])).toBe('waiting');

      expect(await first.stop()).toBe(0);
      const second = await secondStarting;
      processes.push(second);
      const beforeThird = replies();
      ask('still there?', 3);
      await eventually(() => replies() > beforeThird, 'an answer from the second bot');
    }, 120_000);
  });
});
