/**
 * The personal network map: snapshots of the people and organisations around the participant
 * (relation, closeness 1-3, what they do for them). A new snapshot starts as a copy of the last
 * one; only the latest may still change, so earlier ones stay the record of how it was.
 * Comparing two snapshots uses `compareNetworks` (shared/care.ts).
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { compareNetworks, type NetworkComparison, type NetworkEntry, type Snapshot, type snapshotInput, type snapshotPatch } from '../../../shared/care.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import { networkEntries, networkSnapshots } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { hasConsent, may, openPathway, type PathwayRow } from './access.ts';
import { today } from './assessments.ts';
import { requireGuidanceConsent } from './journal.ts';

type SnapshotRow = typeof networkSnapshots.$inferSelect;
type EntryInput = z.output<typeof snapshotInput>['entries'];

const presentEntry = (e: typeof networkEntries.$inferSelect): NetworkEntry => ({
  id: e.id,
  kind: e.kind,
  name: e.name,
  relation: e.relation,
  closeness: e.closeness,
  partnerId: e.partnerId,
  support: e.support,
});

/** Inner circle first, then by name, so lists read the same way as the picture. */
const byCircle = (a: NetworkEntry, b: NetworkEntry) => a.closeness - b.closeness || a.name.localeCompare(b.name);

async function snapshots(tx: Tx, organisationId: string, pathwayId: string) {
  const rows = await tx
    .select({
      s: networkSnapshots,
      people: sql<number>`count(${networkEntries.id}) filter (where ${networkEntries.kind} = 'person')`.mapWith(Number),
      organisations: sql<number>`count(${networkEntries.id}) filter (where ${networkEntries.kind} = 'organisation')`.mapWith(Number),
    })
    .from(networkSnapshots)
    .leftJoin(networkEntries, and(eq(networkEntries.organisationId, networkSnapshots.organisationId), eq(networkEntries.snapshotId, networkSnapshots.id)))
    .where(and(eq(networkSnapshots.organisationId, organisationId), eq(networkSnapshots.pathwayId, pathwayId)))
    .groupBy(networkSnapshots.organisationId, networkSnapshots.id)
    // newest first; on one day the one written last
    .orderBy(desc(networkSnapshots.takenOn), desc(networkSnapshots.createdAt), desc(networkSnapshots.id));
  return rows.map((r) => ({ row: r.s, summary: { id: r.s.id, takenOn: r.s.takenOn, note: r.s.note, people: r.people, organisations: r.organisations } }));
}

async function entriesOf(tx: Tx, organisationId: string, snapshotId: string) {
  const rows = await tx
    .select()
    .from(networkEntries)
    .where(and(eq(networkEntries.organisationId, organisationId), eq(networkEntries.snapshotId, snapshotId)))
    .orderBy(asc(networkEntries.closeness), asc(networkEntries.name));
  return rows.map(presentEntry).sort(byCircle);
}

async function writeEntries(tx: Tx, organisationId: string, snapshotId: string, entries: NonNullable<EntryInput>) {
  if (!entries.length) return;
  await tx.insert(networkEntries).values(
    entries.map((e) => ({
      organisationId,
      snapshotId,
      kind: e.kind,
      name: e.name,
      relation: e.relation,
      closeness: e.closeness,
      partnerId: e.partnerId ?? null,
      support: e.support ?? null,
    })),
  );
}

export function networkService(db: Db) {
  /** The caller may change the network: a team member only while the guidance consent stands. */
  async function openForWrite(tx: Tx, auth: Auth, pathwayId: string) {
    const opened = await openPathway(tx, auth, pathwayId, 'network.write');
    if (opened.capacity === 'team') await requireGuidanceConsent(tx, opened.pathway);
    return opened;
  }

  async function full(tx: Tx, auth: Auth, pathway: PathwayRow, snapshotId: string): Promise<Snapshot> {
    const all = await snapshots(tx, auth.organisationId, pathway.id);
    const i = all.findIndex((s) => s.row.id === snapshotId);
    if (i < 0) throw errors.notFound('network snapshot');
    return { ...all[i].summary, entries: await entriesOf(tx, auth.organisationId, snapshotId), latest: i === 0 };
  }

  return {
    async overview(auth: Auth, pathwayId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'network.read');
        const all = await snapshots(tx, auth.organisationId, pathway.id);
        const consentStands = await hasConsent(tx, auth.organisationId, pathway.participantId, 'guidance');
        return {
          snapshots: all.map((s) => s.summary),
          latest: all.length ? { ...all[0].summary, entries: await entriesOf(tx, auth.organisationId, all[0].row.id), latest: true } : null,
          canWrite: may(capacity, 'network.write') && (capacity === 'participant' || consentStands),
          consentWithdrawn: !consentStands,
        };
      });
    },

    async snapshot(auth: Auth, pathwayId: string, snapshotId: string): Promise<Snapshot> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openPathway(tx, auth, pathwayId, 'network.read');
        return full(tx, auth, pathway, snapshotId);
      });
    },

    /** A new snapshot: with the entries given, or a copy of the latest one's. */
    async create(auth: Auth, pathwayId: string, input: z.output<typeof snapshotInput>): Promise<Snapshot> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openForWrite(tx, auth, pathwayId);
        if (input.takenOn > today()) throw errors.badRequest('date_in_future', 'A snapshot cannot be dated in the future.');
        const [last] = await snapshots(tx, auth.organisationId, pathway.id);
        const entries = input.entries ?? (last ? await entriesOf(tx, auth.organisationId, last.row.id) : []);
        const [row] = await tx
          .insert(networkSnapshots)
          .values({ organisationId: auth.organisationId, pathwayId: pathway.id, takenOn: input.takenOn, note: input.note ?? null, recordedBy: auth.personId })
          .returning();
        await writeEntries(tx, auth.organisationId, row.id, entries);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'network-snapshot',
          entityId: row.id,
          changes: { pathwayId: pathway.id, takenOn: row.takenOn, entries: entries.length, copiedFrom: input.entries ? null : (last?.row.id ?? null) },
        });
        return full(tx, auth, pathway, row.id);
      });
    },

    /** Changes the latest snapshot (its date, note, or all its entries at once). */
    async update(auth: Auth, pathwayId: string, snapshotId: string, patch: z.output<typeof snapshotPatch>): Promise<Snapshot> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openForWrite(tx, auth, pathwayId);
        const all = await snapshots(tx, auth.organisationId, pathway.id);
        const i = all.findIndex((s) => s.row.id === snapshotId);
        if (i < 0) throw errors.notFound('network snapshot');
        if (i > 0) throw errors.conflict('snapshot_not_latest', 'Only the latest snapshot can change; start a new one to record how the network is now.');
        const before: SnapshotRow = all[0].row;
        if (patch.takenOn && patch.takenOn > today()) throw errors.badRequest('date_in_future', 'A snapshot cannot be dated in the future.');
        if (patch.takenOn && all[1] && patch.takenOn < all[1].row.takenOn) {
          throw errors.badRequest('snapshot_before_previous', 'The latest snapshot cannot be dated before the one it follows.');
        }
        const values: Partial<typeof networkSnapshots.$inferInsert> = {};
        if (patch.takenOn !== undefined) values.takenOn = patch.takenOn;
        if (patch.note !== undefined) values.note = patch.note;
        const changes: Record<string, unknown> = diff(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
        if (Object.keys(values).length) {
          await tx
            .update(networkSnapshots)
            .set({ ...values, updatedAt: new Date() })
            .where(and(eq(networkSnapshots.organisationId, auth.organisationId), eq(networkSnapshots.id, snapshotId)));
        }
        if (patch.entries) {
          const [{ n }] = await tx
            .select({ n: count() })
            .from(networkEntries)
            .where(and(eq(networkEntries.organisationId, auth.organisationId), eq(networkEntries.snapshotId, snapshotId)));
          await tx.delete(networkEntries).where(and(eq(networkEntries.organisationId, auth.organisationId), eq(networkEntries.snapshotId, snapshotId)));
          await writeEntries(tx, auth.organisationId, snapshotId, patch.entries);
          changes.entries = [n, patch.entries.length];
        }
        if (Object.keys(changes).length) {
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'network-snapshot', entityId: snapshotId, changes });
        }
        return full(tx, auth, pathway, snapshotId);
      });
    },

    /** How the network changed between two snapshots of this pathway (in either order). */
    async compare(auth: Auth, pathwayId: string, fromId: string, toId: string): Promise<NetworkComparison> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openPathway(tx, auth, pathwayId, 'network.read');
        const all = await snapshots(tx, auth.organisationId, pathway.id);
        const from = all.find((s) => s.row.id === fromId);
        const to = all.find((s) => s.row.id === toId);
        if (!from || !to) throw errors.notFound('network snapshot');
        const before = await entriesOf(tx, auth.organisationId, from.row.id);
        const after = await entriesOf(tx, auth.organisationId, to.row.id);
        return { from: from.summary, to: to.summary, ...compareNetworks(before, after) };
      });
    },
  };
}
