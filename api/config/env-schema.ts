import { z } from 'zod';

/**
 * Every setting the hub reads, with its default and meaning. `.env.example` lists the same variables
 * (a test keeps the two in step). Only api/config reads `process.env`.
 */

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'expected true or false' })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const positiveInt = (fallback: number) =>
  z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').positive('expected a number above 0').default(fallback);

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });

export const envSchema = z.object({
  // --- Instance ---
  DEPLOYMENT_MODE: z.enum(['local', 'cloud'], { error: 'expected local or cloud' }).default('local'),
  HUB_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection URL')
    .optional(),
  RAW_FILES_DIR: z.string().min(1).optional(),
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65535, 'expected a port number 0-65535').default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  HUB_API_TOKEN: z.string().min(16, 'expected at least 16 characters (generate one with `openssl rand -hex 24`)').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** On SIGTERM: how long answers and jobs in flight may take before jobs go back to the queue and the process exits. */
  SHUTDOWN_GRACE_SECONDS: positiveInt(20),

  // --- Uploads and processing ---
  UPLOAD_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  PROCESSING_MODE: z.enum(['auto', 'basic', 'full'], { error: 'expected auto, basic or full' }).default('auto'),
  PROCESSING_CONCURRENCY: positiveInt(1),
  PROCESSING_TIMEOUT_SECONDS: positiveInt(300),
  /** Unset: 768 MB on a local instance, 160 MB in the cloud (see api/documents/document-limits.ts). */
  PROCESSING_MEMORY_MB: z.coerce.number({ error: 'expected a whole number' }).int('expected a whole number').min(64, 'expected at least 64 (MB)').optional(),
  MAX_PAGES: positiveInt(500),
  MAX_IMAGE_PIXELS: positiveInt(60_000_000),
  MAX_UNZIPPED_BYTES: positiveInt(200 * 1024 * 1024),
  OCR_LANGS: z.string().regex(/^[a-z_]+(\+[a-z_]+)*$/, 'expected tesseract language codes joined by +, e.g. eng+deu').default('eng'),
  LIBREOFFICE_PATH: z.string().min(1).optional(),

  // --- Answering (LLM) ---
  LLM_PROVIDER: z.enum(['auto', 'groq', 'ollama', 'none'], { error: 'expected auto, groq, ollama or none' }).default('auto'),
  OLLAMA_URL: httpUrl.optional(),
  OLLAMA_MODEL: z.string().min(1).default('llama3.2:3b'),
  OLLAMA_TIMEOUT_MS: positiveInt(60_000),
  GROQ_API_KEY: z.string().min(1).optional(),
  GROQ_MODEL: z.string().min(1).default('llama-3.1-8b-instant'),
  GROQ_BASE_URL: httpUrl.default('https://api.groq.com'),
  GROQ_TIMEOUT_MS: positiveInt(20_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),

  // --- Embeddings ---
  EMBEDDINGS_PROVIDER: z.enum(['auto', 'builtin', 'ollama', 'openai'], { error: 'expected auto, builtin, ollama or openai' }).default('auto'),
  OLLAMA_EMBED_MODEL: z.string().min(1).default('nomic-embed-text'),
  OPENAI_EMBEDDINGS_URL: httpUrl.optional(),
  OPENAI_EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  OPENAI_EMBEDDINGS_MODEL: z.string().min(1).default('text-embedding-3-small'),
  EMBEDDINGS_TIMEOUT_MS: positiveInt(30_000),
  HNSW_EF_SEARCH: z.coerce.number({ error: 'expected a whole number' }).int().min(10).max(1000, 'expected 10-1000').default(400),

  // --- Sync between local instances and the cloud ---
  SYNC_ENABLED: flag.default(false),
  SYNC_SERVER_URL: httpUrl.optional(),
  SYNC_API_KEY: z.string().regex(/^hubsync_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/, 'expected a key made with `hub sync-key create` on the server (hubsync_...)').optional(),
  SYNC_INTERVAL_MINUTES: positiveInt(15),
  SYNC_QUESTION_LOG: flag.default(false),

  // --- Admin panel (/admin)
  ADMIN_USERNAME: z.string().min(1).default('admin'),
  ADMIN_PASSWORD: z.string().min(12, 'expected at least 12 characters').optional(),
  ADMIN_SESSION_SECRET: z.string().min(32, 'expected at least 32 characters (generate one with `openssl rand -hex 32`)').optional(),

  // --- Chat platforms (an adapter starts only when its credentials are set) ---
  TELEGRAM_BOT_TOKEN: z.string().min(1).optional(),
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  DISCORD_BOT_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: httpUrl.optional(),
  MATRIX_HOMESERVER_URL: httpUrl.optional(),
  MATRIX_ACCESS_TOKEN: z.string().min(1).optional(),
  MATRIX_USER_ID: z.string().regex(/^@[^:]+:.+$/, 'expected a Matrix user id like @hub:example.org').optional(),
  /** People who moderate from chat before anyone is promoted in the admin panel. */
  CHAT_ADMINS: z
    .string()
    .regex(/^(telegram|discord|matrix):[^,\s]+(,(telegram|discord|matrix):[^,\s]+)*$/, 'expected platform:user-id pairs joined by commas, e.g. telegram:123456,matrix:@ana:example.org')
    .optional(),

  // --- Abuse limits: cross-site requests, question rate, uploads waiting for review
  /** Host names (besides IP addresses and localhost) that reach this hub, for the no-token local mode. */
  ALLOWED_HOSTS: z
    .string()
    .regex(/^(\*|[A-Za-z0-9.-]+(,[A-Za-z0-9.-]+)*)$/, 'expected host names joined by commas (e.g. hub.lan,hub.local), or * for any')
    .optional(),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, admin login
   * limits). Unset: none, the address is the connection's. A hop count (`1` behind Render's proxy) or
   * addresses/CIDRs joined by commas.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(\d{1,2}|[0-9A-Fa-f.:/]+(,[0-9A-Fa-f.:/]+)*)$/, 'expected a hop count (e.g. 1 behind Render) or proxy addresses/CIDRs joined by commas')
    .optional(),
  ASK_RATE_LIMIT_PER_MINUTE: positiveInt(30),
  PENDING_UPLOADS_PER_MEMBER: positiveInt(5),
  PENDING_UPLOAD_MB_PER_MEMBER: positiveInt(25),
  PENDING_UPLOADS_PER_COMMUNITY: positiveInt(50),
  PENDING_UPLOAD_MB_PER_COMMUNITY: positiveInt(250),
  /** Questions and uploads a person may send the bot per hour (a sixth of it at once), and questions per group chat. */
  CHAT_USER_QUESTIONS_PER_HOUR: positiveInt(30),
  CHAT_USER_UPLOADS_PER_HOUR: positiveInt(10),
  CHAT_GROUP_QUESTIONS_PER_HOUR: positiveInt(120),
  /** End-to-end encrypted Matrix rooms (rust crypto, keys kept in HUB_DATA_DIR/matrix-crypto). */
  MATRIX_ENCRYPTION: flag.default(true),
});

export type Env = z.infer<typeof envSchema>;
