import type { Locale } from 'adminjs';

/** English labels for the hub's resources and actions, and a login page that asks for a username. */
export const adminLocale: Locale = {
  language: 'en',
  availableLanguages: ['en'],
  // Translations are bundled in the app; nothing is fetched from a locales backend.
  withBackend: false,
  translations: {
    en: {
      labels: {
        documents: 'Documents',
        question_log: 'Question log',
        communities: 'Communities',
        community_chats: 'Community chats',
        members: 'Members',
        community_updates: 'Community updates',
        faq_entries: 'FAQ entries',
        sync_conflicts: 'Sync conflicts',
        sync_log: 'Sync log',
        Moderation: 'Moderation',
        Community: 'Community',
        Sync: 'Sync',
      },
      properties: {
        communityId: 'Community',
        uploaderMemberId: 'Uploader',
        documentId: 'Searchable copy',
        contentExcerpt: 'Content (excerpt)',
        contentChars: 'Content length (characters)',
        sectionsCount: 'Sections',
      },
      actions: {
        approve: 'Approve',
        reject: 'Reject',
        reprocessBasic: 'Reprocess (basic)',
        reprocessFull: 'Reprocess (full)',
        keepLocal: 'Resolve: keep local',
        takeRemote: 'Resolve: take remote',
      },
      messages: {
        invalidCredentials: 'Wrong username or password (or too many failed attempts: wait 15 minutes).',
      },
      components: {
        Login: {
          welcomeHeader: 'Community Resilience Hub',
          welcomeMessage: 'For moderators: review uploads, follow the questions people ask, publish community updates.',
          properties: { email: 'Username', password: 'Password' },
          loginButton: 'Log in',
        },
      },
      resources: {
        community_updates: { actions: { new: 'Publish update' } },
        sync_conflicts: { properties: { resolution: 'Resolution (recorded only)' } },
      },
    },
  },
};
