import { eq } from 'drizzle-orm';
import type { HubCore } from '../../api/core/hub-core.ts';
import { communities, communityUpdates, documents, faqEntries } from '../../api/db/schema/index.ts';
import { uploadDocument } from '../../api/documents/upload-document.ts';
import { buildPdf, type PdfText } from '../fixtures/build-pdf.ts';
import { waitFor } from '../support/test-core.ts';

const line = (text: string, y: number): PdfText => ({ text, x: 72, y, size: 11 });

/**
 * A three-page water guide as a real PDF: the bleach dose is on page 2 under "Disinfecting with
 * bleach", so a citation must point there.
 */
export function makeWaterGuidePdf(): Buffer {
  const page = (heading: string, size: number, sentences: string[]) => ({
    texts: [{ text: heading, x: 72, y: 720, size, bold: true }, ...sentences.map((text, index) => line(text, 690 - index * 14))],
  });
  return buildPdf([
    page('Emergency Water Guide', 24, [
      'Keep four litres of drinking water per person and per day, for at least three days.',
      'Store it in clean food-grade containers with tight lids, away from sunlight and fuel.',
      'Replace stored water every six months and write the date on each container.',
      'Pets need water too: count one extra litre a day for a medium-sized dog.',
      'A full bathtub gives washing water for a few days when the mains stop.',
      'Melted ice cubes and the water heater tank are safe reserves in an emergency.',
      'Never drink water from radiators, pools or toilet flush tanks.',
      'Ask your neighbours who may need help carrying water if the taps run dry.',
      'The council publishes where water trucks stop during a long outage.',
    ]),
    page('Disinfecting with bleach', 16, [
      'If you cannot boil water, add 8 drops of unscented 6% bleach per gallon of clear water.',
      'Stir and let the water stand for 30 minutes before drinking it.',
      'The water should smell slightly of chlorine; if not, repeat the dose and wait 15 minutes.',
      'Cloudy water needs twice the dose: filter it through a clean cloth first.',
      'Use only plain bleach without scent, colour-safe additives or cleaners.',
      'Bleach loses strength over time; a bottle older than a year may be too weak.',
      'Measure drops with a clean dropper kept for this job only.',
      'Label disinfected containers with the date and how they were treated.',
      'Keep bleach out of reach of children and never mix it with other cleaners.',
    ]),
    page('Boiling water', 16, [
      'Bring water to a rolling boil for one full minute, then let it cool.',
      'Above 2,000 metres, boil it for three minutes instead.',
      'Let cloudy water settle, then pour off the clear water before boiling it.',
      'Pour boiled water between two clean containers to improve its taste.',
      'Store cooled water in clean containers with covers.',
      'Boiling does not remove chemicals or fuel; find another source if you smell them.',
      'A camping stove or barbecue works for boiling, but only outdoors.',
      'Keep a pot lid on to save fuel while the water heats up.',
      'Boiled water can be used for baby formula once it has cooled.',
    ]),
  ], { title: 'Emergency Water Guide' });
}

/** Uploads a file as a trusted source and waits until the hub's workers made it searchable. */
export async function addReadyDocument(core: HubCore, file: { bytes: Uint8Array; filename: string }, community: string | null = null): Promise<string> {
  const { document } = await uploadDocument(core, { ...file, community, uploader: { via: 'cli', role: 'trusted', label: 'test' } });
  return waitFor(async () => {
    const [row] = await core.db.select({ status: documents.status, error: documents.errorReason }).from(documents).where(eq(documents.id, document.id));
    if (row?.status === 'failed') throw new Error(`the test document failed: ${row.error}`);
    return row?.status === 'ready' ? document.id : undefined;
  }, 60_000, `${file.filename} to be processed`);
}

/** A community, optionally behind an access code. */
export async function addCommunity(core: HubCore, slug: string, name: string, code: string | null = null): Promise<string> {
  const [row] = await core.db.insert(communities).values({ slug, name, webAccessCode: code }).returning({ id: communities.id });
  return row!.id;
}

/** Curated entries and updates as moderators would publish them (one expired update that must not show). */
export async function addNewsAndFaq(core: HubCore, communityId: string | null): Promise<void> {
  const hour = 3600_000;
  await core.db.insert(faqEntries).values([
    { communityId, question: 'Where is the nearest shelter?', answer: 'The school gym on Mill Road opens as a shelter during floods.' },
    { communityId: null, question: 'How do I make water safe to drink?', answer: 'Boil it for one minute, or add 8 drops of bleach per gallon.' },
  ]);
  await core.db.insert(communityUpdates).values([
    { communityId, title: 'Water point open', body: 'Drinking water at the fire station, 8:00 to 18:00.', publishedAt: new Date(Date.now() - hour) },
    { communityId, title: 'Old road closure', body: 'This closure has ended.', publishedAt: new Date(Date.now() - 5 * hour), expiresAt: new Date(Date.now() - hour) },
  ]);
}
