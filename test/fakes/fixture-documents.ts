import { createHash } from 'node:crypto';
import type { HubDatabase } from '../../api/db/database.ts';
import { documents } from '../../api/db/schema/index.ts';
import type { DocumentSection } from '../../api/documents/extraction/extracted-document.ts';

/**
 * Small real-text documents for retrieval and answering tests, written after public-domain US
 * government guidance (EPA, FEMA, CDC). Each has the structure an extractor produces: sections with
 * heading paths and pages.
 */
export interface FixtureDocument {
  filename: string;
  title: string;
  sections: DocumentSection[];
}

const section = (path: string[], page: number, markdown: string): DocumentSection => ({
  path, level: path.length, heading: path.at(-1) ?? '', pageStart: page, pageEnd: page, markdown,
});

export const waterDisinfection: FixtureDocument = {
  filename: 'epa-emergency-disinfection-of-drinking-water.pdf',
  title: 'Emergency Disinfection of Drinking Water',
  sections: [
    section(['Boiling'], 1, 'If you do not have bottled water, boil water. If water is cloudy, let it settle and filter it through a clean cloth, paper towel or coffee filter. Bring water to a rolling boil for at least one minute. At altitudes above 5,000 feet, boil water for three minutes. Let the boiled water cool and store it in clean containers with covers.'),
    section(['Disinfecting with bleach'], 2, [
      'If you cannot boil water, disinfect it with regular, unscented chlorine bleach. Do not use scented, color safe or bleaches with added cleaners. Add the amount of bleach from the table, stir, and let it stand for 30 minutes. The water should have a slight chlorine odor. If it does not, repeat the dosage and let it stand another 15 minutes.',
      '',
      '| Volume of water | 6% bleach to add | 8.25% bleach to add |',
      '| --- | --- | --- |',
      '| 1 quart or 1 liter | 2 drops | 2 drops |',
      '| 1 gallon | 8 drops | 6 drops |',
      '| 2 gallons | 16 drops (1/4 tsp) | 12 drops (1/8 tsp) |',
      '| 4 gallons | 1/3 teaspoon | 1/4 teaspoon |',
    ].join('\n')),
  ],
};

export const floodSheet: FixtureDocument = {
  filename: 'fema-be-prepared-for-a-flood.pdf',
  title: 'Be Prepared for a Flood',
  sections: [
    section(['Flood', 'During'], 1, 'Do not walk, swim or drive through flood waters. Turn Around, Don\'t Drown! Just six inches of moving water can knock you down, and one foot of moving water can sweep your vehicle away. Stay off bridges over fast-moving water.'),
    section(['Flood', 'Before'], 2, 'Know your area\'s flood risk. Sign up for your community\'s warning system. Learn and practice evacuation routes, shelter plans and flash flood response. Gather supplies in case you have to leave immediately.'),
  ],
};

export const tornadoSheet: FixtureDocument = {
  filename: 'fema-be-prepared-for-a-tornado.pdf',
  title: 'Be Prepared for a Tornado',
  sections: [
    section(['Tornado', 'Take shelter'], 1, 'If you are under a tornado warning, find safe shelter right away. Go to a safe room, basement or storm cellar. If you are in a building with no basement, get to a small interior room on the lowest level. Stay away from windows, doors and outside walls. Do not get under an overpass or bridge. Mobile homes are not safe: go to the nearest sturdy building.'),
  ],
};

export const heatIllness: FixtureDocument = {
  filename: 'cdc-heat-related-illnesses.pdf',
  title: 'Heat-Related Illnesses',
  sections: [
    section(['Heat stroke'], 1, '- High body temperature (103°F or higher)\n- Hot, red, dry or damp skin\n- Fast, strong pulse\n- Confusion, losing consciousness\n\nCall 911 right away: heat stroke is a medical emergency. Move the person to a cooler place and lower their temperature with cool cloths or a cool bath. Do not give the person anything to drink.'),
    section(['Heat cramps'], 1, '- Heavy sweating during intense exercise\n- Muscle pain or spasms\n\nStop physical activity and move to a cool place. Drink water or a sports drink. Wait for cramps to go away before you do any more physical activity.'),
  ],
};

export const businessContinuity: FixtureDocument = {
  filename: 'fema-141-emergency-management-guide-for-business-and-industry.pdf',
  title: 'Emergency Management Guide for Business and Industry',
  sections: [
    section(['Planning', 'Establish a planning team'], 3, 'The size of the planning team will depend on the facility\'s operations, requirements and resources. Usually involving a group of people is best because it encourages participation and gets more people invested in the process.'),
    section(['Planning', 'Analyze capabilities and hazards'], 5, 'Review internal plans and policies such as evacuation plans, fire protection plans, employee manuals and hazardous materials plans. Meet with outside groups, including fire and police departments, to learn about potential emergencies and available resources.'),
    section(['Business continuity'], 9, 'Business continuity planning keeps critical operations running during and after an emergency: identify critical products, services and operations, the staff and equipment needed to keep them going, and arrangements with suppliers and backup sites.'),
  ],
};

export const allFixtures = [waterDisinfection, floodSheet, tornadoSheet, heatIllness, businessContinuity];

export interface InsertOptions {
  communityId?: string | null;
  approved?: boolean;
  status?: 'ready' | 'rejected' | 'pending_review';
  kind?: 'file' | 'faq' | 'update';
}

/** Inserts a fixture as a document row (approved and ready unless told otherwise) and returns its id. */
export async function insertFixture(db: HubDatabase, fixture: FixtureDocument, options: InsertOptions = {}): Promise<string> {
  const markdown = fixture.sections.map((s) => s.markdown).join('\n\n');
  const sha256 = createHash('sha256').update(`${fixture.filename}|${options.communityId ?? ''}|${markdown}`).digest('hex');
  const [row] = await db
    .insert(documents)
    .values({
      communityId: options.communityId ?? null,
      kind: options.kind ?? 'file',
      filename: fixture.filename,
      title: fixture.title,
      fileType: 'pdf',
      mimeType: 'application/pdf',
      sizeBytes: markdown.length,
      sha256,
      rawFileKey: sha256,
      status: options.status ?? 'ready',
      content: markdown,
      sections: fixture.sections,
      language: 'en',
      approvedAt: options.approved === false ? null : new Date(),
    })
    .returning({ id: documents.id });
  return row!.id;
}
