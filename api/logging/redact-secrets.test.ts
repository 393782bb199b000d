import { describe, expect, it } from 'vitest';
import { secretsOf } from './config-secrets.ts';
import { createLogger } from './create-logger.ts';
import { createRedactor, REDACTED, redactSecretShapes } from './redact-secrets.ts';

const TELEGRAM = '7123456789:AAHfake-Telegram_token0123456789abcdef';
const SECRETS = {
  TELEGRAM_BOT_TOKEN: TELEGRAM,
  DISCORD_BOT_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GfAkE1.discord-token-secret-part-0123456',
  MATRIX_ACCESS_TOKEN: 'syt_aHVi_matrixsecretvalue_0AbCdE',
  GROQ_API_KEY: 'gsk_groqSecretKey0123456789ABCDEFGHIJ',
  OPENAI_EMBEDDINGS_API_KEY: 'sk-embeddings-secret-0123456789abcdef',
  HUB_API_TOKEN: 'hub-api-token-0123456789abcdef',
  ADMIN_PASSWORD: 'correct horse battery staple',
  ADMIN_SESSION_SECRET: 'session-secret-0123456789abcdef0123456789',
  SYNC_API_KEY: 'hubsync_7f3a_SyncSecretPart0123456789',
  DATABASE_URL: 'postgresql://hub:P%40ss%2Fw0rd-db@db.internal:5432/hub',
};
const DATABASE_PASSWORDS = ['P%40ss%2Fw0rd-db', 'P@ss/w0rd-db'];
const ALL_SECRET_VALUES = [...Object.values(SECRETS).filter((value) => !value.startsWith('postgresql:')), ...DATABASE_PASSWORDS];

function captureLogger(secrets: readonly string[]) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'trace', secrets, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, output: () => lines.join('') };
}

describe('secrets in log lines', () => {
  it('removes every configured secret from messages, error messages, stacks, URLs and cause chains', () => {
    const { logger, output } = captureLogger(secretsOf(SECRETS));
    const network = new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED for https://api.telegram.org/bot${TELEGRAM}/getMe`) });
    const http = Object.assign(new Error(`Network request for 'getMe' failed! url=https://api.telegram.org/bot${TELEGRAM}/getMe`, { cause: network }), {
      url: `https://api.telegram.org/bot${encodeURIComponent(TELEGRAM)}/getMe`,
    });
    logger.warn({ platform: 'telegram', err: http }, `telegram chat adapter not started: https://api.telegram.org/bot${TELEGRAM}/getMe`);
    logger.error({ err: new Error(`Invalid API Key: ${SECRETS.GROQ_API_KEY}`, { cause: new Error(`key ${SECRETS.OPENAI_EMBEDDINGS_API_KEY} refused`) }) }, 'answer failed');
    logger.error({ err: new AggregateError([new Error(`auth ${SECRETS.DISCORD_BOT_TOKEN}`), new Error(`token ${SECRETS.MATRIX_ACCESS_TOKEN}`)], 'adapters failed') }, 'x');
    logger.info({ config: { url: SECRETS.DATABASE_URL, decoded: DATABASE_PASSWORDS[1], nested: { value: SECRETS.ADMIN_PASSWORD } } }, `api token ${SECRETS.HUB_API_TOKEN}`);
    logger.debug(`session ${SECRETS.ADMIN_SESSION_SECRET} sync ${SECRETS.SYNC_API_KEY} with "quotes" ${JSON.stringify(SECRETS.ADMIN_PASSWORD)}`);
    const text = output();
    for (const secret of ALL_SECRET_VALUES) expect(text, `leaked ${secret}`).not.toContain(secret);
    expect(text).not.toContain('7123456789:AAH');
    // The lines still say what happened, with the secret's place marked.
    expect(text).toContain('telegram chat adapter not started: https://api.telegram.org/bot[redacted]/getMe');
    expect(text).toContain('postgresql://hub:[redacted]@db.internal:5432/hub');
    expect(text.split('\n').filter(Boolean).every((line) => JSON.parse(line).service === 'hub')).toBe(true);
  });

  it('removes credentials of well-known shapes even when they were not configured', () => {
    const cases: Array<[string, string]> = [
      ['sync key hubsync_a1b2_zzTopSecret-_x in a message', 'hubsync_a1b2_zzTopSecret-_x'],
      ['GET https://api.telegram.org/bot98765:ABCdef_ghi-JKL/getUpdates', 'ABCdef_ghi-JKL'],
      ['postgres://svc:hunter2hunter2@10.0.0.5/db', 'hunter2hunter2'],
      ['Authorization: Bearer abcdefghijklmnop0123', 'abcdefghijklmnop0123'],
      ['authorization: bearer abcdefghijklmnop0123', 'abcdefghijklmnop0123'],
      ['https://matrix.example.org/_matrix/client/v3/sync?access_token=syt_abc_def123&since=1', 'syt_abc_def123'],
      ['groq said gsk_0123456789abcdefghij was invalid', 'gsk_0123456789abcdefghij'],
    ];
    for (const [text, secret] of cases) {
      const redacted = redactSecretShapes(text);
      expect(redacted, text).not.toContain(secret);
      expect(redacted, text).toContain(REDACTED);
    }
    expect(redactSecretShapes('http://127.0.0.1:3000/api/documents?limit=5')).toBe('http://127.0.0.1:3000/api/documents?limit=5');
  });

  it('leaves ordinary text alone and ignores values too short to be secrets', () => {
    const redact = createRedactor(['abc', '', undefined, 'long-secret-value']);
    expect(redact('abc abc long-secret-value')).toBe(`abc abc ${REDACTED}`);
    expect(redact('document 6f1c ready in 120 ms')).toBe('document 6f1c ready in 120 ms');
  });
});
