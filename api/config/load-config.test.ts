import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors/app-error.ts';
import { envSchema } from './env-schema.ts';
import { parseConfig } from './load-config.ts';

const exampleFile = new URL('../../.env.example', import.meta.url);

describe('configuration', () => {
  it('needs nothing for a first local run', () => {
    const config = parseConfig({});
    expect(config.DEPLOYMENT_MODE).toBe('local');
    expect(config.PORT).toBe(3000);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.dataDir).toMatch(/data$/);
    expect(config.rawFilesDir).toBe(`${config.dataDir}/files`);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable and what it expects', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'abc', DEPLOYMENT_MODE: 'moon', OLLAMA_URL: 'ftp://x' });
    } catch (error) {
      expect((error as { code: string }).code).toBe(ErrorCode.configInvalid);
      message = (error as Error).message;
    }
    expect(message).toContain('PORT: expected a port number');
    expect(message).toContain('DEPLOYMENT_MODE: expected local or cloud');
    expect(message).toContain('OLLAMA_URL: expected an http:// or https:// URL');
  });

  it('requires an API token in cloud mode', () => {
    expect(() => parseConfig({ DEPLOYMENT_MODE: 'cloud' })).toThrow(/HUB_API_TOKEN: required when DEPLOYMENT_MODE=cloud/);
    expect(parseConfig({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'x'.repeat(24) }).DEPLOYMENT_MODE).toBe('cloud');
  });

  it('treats empty variables as unset, as .env files leave them', () => {
    expect(parseConfig({ DATABASE_URL: '', GROQ_API_KEY: '' }).DATABASE_URL).toBeUndefined();
  });

  it('documents exactly the variables the schema reads in .env.example', () => {
    const documented = [...readFileSync(exampleFile, 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it('explains every variable in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(envSchema.shape).filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('gives .env.example defaults that match the schema defaults', () => {
    const example = Object.fromEntries(
      [...readFileSync(exampleFile, 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]),
    );
    const fromExample = parseConfig(example);
    const fromNothing = parseConfig({});
    expect(fromExample).toEqual(fromNothing);
  });
});
