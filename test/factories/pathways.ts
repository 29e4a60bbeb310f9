import type { Db } from '../../src/server/db/client.ts';
import { consents, entryData, pathways, pathwayTeam } from '../../src/server/db/schema/index.ts';
import type { TestOrganisation } from '../helper.ts';

/**
 * A started pathway at the organisation's first place, written as the database owner (no RLS):
 * for tests of the modules built on pathways. With `companionPersonId` that person is on the team;
 * with `guidanceConsent` (default true) the participant consented to guidance.
 */
export async function newPathway(
  db: Db,
  org: TestOrganisation,
  opts: {
    participantId: string;
    companionPersonId?: string;
    placeId?: string | null;
    programmeId?: string | null;
    startedOn?: string;
    guidanceConsent?: boolean;
    entry?: Partial<typeof entryData.$inferInsert>;
  },
) {
  const [pathway] = await db
    .insert(pathways)
    .values({
      organisationId: org.id,
      participantId: opts.participantId,
      placeId: opts.placeId === undefined ? org.placeId : opts.placeId,
      programmeId: opts.programmeId ?? null,
      status: 'active',
      startedOn: opts.startedOn ?? '2026-01-12',
    })
    .returning();
  if (opts.companionPersonId) {
    await db.insert(pathwayTeam).values({ organisationId: org.id, pathwayId: pathway.id, personId: opts.companionPersonId, role: 'lead-companion' });
  }
  if (opts.guidanceConsent ?? true) {
    await db.insert(consents).values({ organisationId: org.id, participantId: opts.participantId, purpose: 'guidance' });
  }
  if (opts.entry) await db.insert(entryData).values({ organisationId: org.id, pathwayId: pathway.id, ...opts.entry });
  return pathway;
}
