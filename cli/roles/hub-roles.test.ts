import { describe, expect, it } from 'vitest';
import type { HubCore } from '#api/core/hub-core.ts';
import { parseConfig } from '#api/config/load-config.ts';
import { CLOUD_PARSER_MEMORY_MB, LOCAL_PARSER_MEMORY_MB, parserMemoryMb } from '#api/documents/document-limits.ts';
import { hubRoles, parseRoles } from './hub-roles.ts';

describe('hub start --role', () => {
  it('runs every role but sync by default, and the asked ones in start order', () => {
    expect(parseRoles(undefined)).toEqual(['api', 'workers', 'bot']);
    expect(parseRoles('bot, api')).toEqual(['api', 'bot']);
    expect(parseRoles('sync')).toEqual(['sync']);
  });

  it('refuses unknown roles, naming the known ones', () => {
    expect(() => parseRoles('api,web')).toThrow(/Unknown role web: use one or more of api, workers, bot, sync/);
    expect(() => parseRoles(',')).toThrow(/Unknown role/);
  });

  it('adds sync to the default roles when SYNC_ENABLED', () => {
    expect(parseRoles(undefined, { syncEnabled: true })).toEqual(['api', 'workers', 'bot', 'sync']);
  });

  it('refuses the sync role when sync is not configured, saying what to set', async () => {
    const core = { config: parseConfig({}) } as HubCore;
    await expect(hubRoles.sync(core)).rejects.toThrow(/SYNC_ENABLED=true with SYNC_SERVER_URL and SYNC_API_KEY/);
  });
});

describe('the cloud parser budget', () => {
  it('is 160 MB in the cloud and 768 MB locally unless PROCESSING_MEMORY_MB says otherwise', () => {
    expect(parserMemoryMb(parseConfig({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'x'.repeat(16) }))).toBe(CLOUD_PARSER_MEMORY_MB);
    expect(parserMemoryMb(parseConfig({}))).toBe(LOCAL_PARSER_MEMORY_MB);
    expect(parserMemoryMb(parseConfig({ PROCESSING_MEMORY_MB: '300', DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'x'.repeat(16) }))).toBe(300);
  });

  it('allows one parser at a time in the cloud', () => {
    expect(() => parseConfig({ DEPLOYMENT_MODE: 'cloud', HUB_API_TOKEN: 'x'.repeat(16), PROCESSING_CONCURRENCY: '2' })).toThrow(/PROCESSING_CONCURRENCY: at most 1 when DEPLOYMENT_MODE=cloud/);
    expect(parseConfig({ PROCESSING_CONCURRENCY: '2' }).PROCESSING_CONCURRENCY).toBe(2);
  });
});
