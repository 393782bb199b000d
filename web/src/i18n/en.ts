/**
 * Every word the members' page shows, in one place. To translate the page: copy this file to
 * `<language>.ts` (e.g. `fr.ts`), translate the right-hand sides (keep `{placeholders}`), add it to
 * `catalogues.ts` and run `npm run build:web`. The page picks the browser's preferred language.
 */
export const en = {
  'app.name': 'Community Hub',
  'app.shortName': 'Hub',
  'app.description': 'Ask your community\'s documents, even when the internet is down.',
  'app.noscript': 'This page needs JavaScript. You can still ask the hub in your community chat.',

  'nav.label': 'Sections',
  'nav.skip': 'Skip to the content',
  'nav.ask': 'Ask',
  'nav.faq': 'FAQ',
  'nav.updates': 'Updates',
  'nav.send': 'Send a document',

  'status.online': 'Connected to the hub',
  'status.offline': 'Hub not reachable',
  'status.sync': 'Sync: {mode}',
  'sync.standalone': 'standalone',
  'sync.normal': 'up to date with the cloud',
  'sync.offline': 'cloud unreachable, working locally',
  'sync.recovery': 'catching up with the cloud',
  'status.community': 'Community: {name}',
  'status.allCommunities': 'Shared documents',

  'ask.label': 'Your question',
  'ask.hint': 'Enter sends. Shift+Enter starts a new line.',
  'ask.placeholder': 'e.g. How do I make water safe to drink?',
  'ask.submit': 'Ask the hub',
  'ask.empty': 'Ask a question about your community\'s documents: plans, guides, notices. Answers cite where they come from.',
  'ask.conversation': 'Questions and answers',

  'answer.you': 'You asked',
  'answer.queued': 'Waiting to be sent: the hub is not reachable. It will be sent once, as soon as the hub can be reached.',
  'answer.sending': 'Sending…',
  'answer.writing': 'The answer is being written…',
  'answer.failed': 'Not answered: {message}',
  'answer.retry': 'Try again',
  'answer.discard': 'Remove',
  'answer.tier': 'Answered by: {tier}',
  'answer.notAnswered': 'The documents do not answer this for sure.',
  'answer.sources': 'Sources',
  'answer.cite': 'Source {n}: {title}',

  'tier.groq': 'online language model (Groq)',
  'tier.ollama': 'language model on the local network (Ollama)',
  'tier.extractive': 'quoted passages (no language model reachable)',
  'tier.none': 'nothing found in the documents',

  'citation.title': 'Source {n}',
  'citation.section': 'Section',
  'citation.page': 'Page',
  'citation.pages': 'Pages',
  'citation.quote': 'Quoted text',
  'citation.openPdf': 'Open the original PDF at page {page}',
  'citation.openPdfNoPage': 'Open the original PDF',
  'citation.download': 'Download the original file ({type})',
  'citation.noFile': 'This source has no file to open (a curated answer or an update).',
  'citation.close': 'Close',

  'queue.summary': '{questions} questions and {uploads} documents are waiting to be sent.',
  'queue.summaryOne': 'One item is waiting to be sent.',
  'queue.explain': 'They stay on this device and go out once, as soon as the hub can be reached.',

  'faq.title': 'Frequently asked questions',
  'faq.empty': 'No curated answers yet.',
  'faq.offline': 'Saved copy: the hub is not reachable right now.',
  'updates.title': 'Community updates',
  'updates.empty': 'No current updates.',
  'updates.published': 'Published {date}',
  'updates.expires': 'until {date}',

  'send.title': 'Send a document',
  'send.explain': 'PDFs, photos of notices, office files or text. A moderator checks every document before the hub uses it in answers.',
  'send.file': 'Document',
  'send.submit': 'Send',
  'send.tooLarge': 'This file is larger than the hub accepts ({max}).',
  'send.queued': '{name}: waiting to be sent.',
  'send.sending': '{name}: sending…',
  'send.pending': '{name}: received. A moderator will check it before it is used in answers.',
  'send.duplicate': '{name}: the hub already has this document.',
  'send.failed': '{name}: not accepted. {message}',
  'send.none': 'Nothing sent from this device yet.',
  'send.history': 'Sent from this device',

  'access.title': '{name} needs an access code',
  'access.explain': 'Ask the person who invited you for the code, or open the invite link they sent.',
  'access.label': 'Access code',
  'access.submit': 'Enter',
  'access.wrong': 'That code is not right.',

  'token.title': 'This hub needs its access token',
  'token.explain': 'The hub is run with an API token. Ask its operator for it.',
  'token.label': 'Access token',
  'token.submit': 'Save',

  'error.unknown': 'Something went wrong. Please try again.',
  'error.unreachable': 'The hub cannot be reached.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
