import { existsSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { AppError, ErrorCode } from '../errors/app-error.ts';
import { envSchema, type Env } from './env-schema.ts';
import { checkCrossFieldRules } from './cross-field-rules.ts';

/** The validated, frozen settings of one process. Build once at start-up and pass it down. */
export type HubConfig = Readonly<Env & { dataDir: string; rawFilesDir: string }>;

/**
 * Validates `source` (normally `process.env`) and returns the settings, or throws one config error that
 * names every bad variable and what it expects.
 */
export function parseConfig(source: Record<string, string | undefined>): HubConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) throw configError(parsed.error.issues.map(describeIssue));
  const problems = checkCrossFieldRules(parsed.data);
  if (problems.length > 0) throw configError(problems);
  const dataDir = path.resolve(parsed.data.HUB_DATA_DIR);
  const rawFilesDir = path.resolve(parsed.data.RAW_FILES_DIR ?? path.join(dataDir, 'files'));
  return Object.freeze({ ...parsed.data, dataDir, rawFilesDir });
}

/** Reads `.env` from the working directory when present (real environment variables win), then validates. */
export function loadConfig(envFile = '.env'): HubConfig {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const variable = issue.path.join('.') || '(environment)';
  return `${variable}: ${issue.message}`;
}

function configError(problems: string[]): AppError {
  const message = ['The configuration is not valid:', ...problems.map((p) => `  - ${p}`), 'See .env.example for every setting.'].join('\n');
  return new AppError(ErrorCode.configInvalid, message, { details: { problems } });
}
