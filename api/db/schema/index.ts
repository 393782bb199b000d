/** The whole database schema; drizzle-kit reads this file to generate migrations. */
export * from './communities.ts';
export * from './documents.ts';
export * from './chunks.ts';
export * from './questions.ts';
export * from './curated.ts';
export * from './sync.ts';
export * from './search-terms.ts';
export * from './web.ts';
export * from './chat-delivery.ts';
export * from './admin-sessions.ts';
