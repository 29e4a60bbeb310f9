/**
 * The journal of a pathway: contact moments written by team members, each with a visibility
 * (only the author, the team, or also the participant; `journalVisible` in access.ts decides).
 * An author may change or remove an entry for JOURNAL_EDIT_HOURS after writing it; after that a
 * correction is a new entry, so the file keeps what was known when. Notes never go into the audit log.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { JOURNAL_EDIT_HOURS, type JournalEntry, type journalInput, type journalPatch } from '../../../shared/care.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import { journalEntries, people } from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { type Capacity, hasConsent, journalVisible, may, openPathway, type PathwayRow } from './access.ts';

type Row = typeof journalEntries.$inferSelect;
const EDIT_MS = JOURNAL_EDIT_HOURS * 3_600_000;

/** The team may add records only while the participant's guidance consent stands. */
export async function requireGuidanceConsent(tx: Tx, pathway: PathwayRow) {
  if (!(await hasConsent(tx, pathway.organisationId, pathway.participantId, 'guidance'))) {
    throw errors.conflict('consent_withdrawn', 'The participant withdrew their consent for guidance: no new records can be added.');
  }
}

/** The SQL form of `journalVisible`: what the caller may read in their capacity. */
function visibleWhere(capacity: Capacity, personId: string) {
  if (capacity === 'team') {
    return or(
      inArray(journalEntries.visibility, ['team', 'participant']),
      and(eq(journalEntries.visibility, 'author'), eq(journalEntries.authorPersonId, personId)),
    );
  }
  if (capacity === 'participant') {
    return or(eq(journalEntries.visibility, 'participant'), and(eq(journalEntries.visibility, 'author'), eq(journalEntries.authorPersonId, personId)));
  }
  return sql`false`;
}

const encodeCursor = (r: { occurredAt: Date; id: string }) => Buffer.from(`${r.occurredAt.toISOString()}|${r.id}`).toString('base64url');
function decodeCursor(cursor: string) {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const when = new Date(at);
  if (!id || Number.isNaN(when.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw errors.badRequest('invalid_cursor', 'This page cursor is not valid.');
  return { when, id };
}

function present(r: Row, authorName: string, auth: Auth, now = Date.now()): JournalEntry {
  const until = r.createdAt.getTime() + EDIT_MS;
  return {
    id: r.id,
    pathwayId: r.pathwayId,
    occurredAt: r.occurredAt.toISOString(),
    type: r.type,
    durationMinutes: r.durationMinutes,
    note: r.note,
    visibility: r.visibility,
    author: { personId: r.authorPersonId, name: authorName },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    editableUntil: r.authorPersonId === auth.personId && until > now ? new Date(until).toISOString() : null,
  };
}

const authorName = sql<string>`${people.givenName} || ' ' || ${people.familyName}`;

export function journalService(db: Db) {
  /** One entry the caller may read, or 404; the author may change it only within the window. */
  async function ownEntry(tx: Tx, auth: Auth, pathwayId: string, entryId: string) {
    const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'journal.read');
    const [row] = await tx
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.organisationId, auth.organisationId), eq(journalEntries.pathwayId, pathway.id), eq(journalEntries.id, entryId)))
      .limit(1)
      .for('update');
    if (!row || !journalVisible(capacity, row, auth.personId)) throw errors.notFound('journal entry');
    if (!may(capacity, 'journal.write') || row.authorPersonId !== auth.personId) throw errors.forbidden('Only the author may change a journal entry.');
    if (Date.now() > row.createdAt.getTime() + EDIT_MS) {
      throw errors.conflict('journal_entry_locked', `An entry can be changed for ${JOURNAL_EDIT_HOURS} hours after it was written; add a new entry instead.`);
    }
    return { pathway, row };
  }

  return {
    /** Newest first, `limit` at a time; the cursor is the last entry's moment and id (index-backed). */
    async list(auth: Auth, pathwayId: string, q: { limit: number; cursor?: string }) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway, capacity } = await openPathway(tx, auth, pathwayId, 'journal.read');
        const after = q.cursor ? decodeCursor(q.cursor) : null;
        const rows = await tx
          .select({ entry: journalEntries, authorName })
          .from(journalEntries)
          .innerJoin(people, and(eq(people.organisationId, journalEntries.organisationId), eq(people.id, journalEntries.authorPersonId)))
          .where(
            and(
              eq(journalEntries.organisationId, auth.organisationId),
              eq(journalEntries.pathwayId, pathway.id),
              visibleWhere(capacity, auth.personId),
              after ? sql`(${journalEntries.occurredAt}, ${journalEntries.id}) < (${after.when.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined,
            ),
          )
          .orderBy(desc(journalEntries.occurredAt), desc(journalEntries.id))
          .limit(q.limit + 1);
        const page = rows.slice(0, q.limit);
        const canWrite = may(capacity, 'journal.write');
        const consentStands = await hasConsent(tx, auth.organisationId, pathway.participantId, 'guidance');
        return {
          // The same rule again, in code: a row the SQL let through by mistake never leaves.
          items: page.filter((r) => journalVisible(capacity, r.entry, auth.personId)).map((r) => present(r.entry, r.authorName, auth)),
          nextCursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].entry) : null,
          canWrite: canWrite && consentStands,
          consentWithdrawn: !consentStands,
        };
      });
    },

    async create(auth: Auth, pathwayId: string, input: z.output<typeof journalInput>): Promise<JournalEntry> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { pathway } = await openPathway(tx, auth, pathwayId, 'journal.write');
        await requireGuidanceConsent(tx, pathway);
        const occurredAt = new Date(input.occurredAt);
        if (occurredAt.getTime() > Date.now() + 3_600_000) throw errors.badRequest('date_in_future', 'A contact moment cannot be in the future.');
        const [row] = await tx
          .insert(journalEntries)
          .values({
            organisationId: auth.organisationId,
            pathwayId: pathway.id,
            authorPersonId: auth.personId,
            occurredAt,
            type: input.type,
            durationMinutes: input.durationMinutes ?? null,
            note: input.note,
            visibility: input.visibility,
          })
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'journal-entry',
          entityId: row.id,
          changes: {
            pathwayId: pathway.id,
            type: row.type,
            visibility: row.visibility,
            occurredAt: row.occurredAt.toISOString(),
            durationMinutes: row.durationMinutes,
          },
        });
        const [me] = await tx
          .select({ authorName })
          .from(people)
          .where(and(eq(people.organisationId, auth.organisationId), eq(people.id, auth.personId)));
        return present(row, me?.authorName ?? '', auth);
      });
    },

    async update(auth: Auth, pathwayId: string, entryId: string, patch: z.output<typeof journalPatch>): Promise<JournalEntry> {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { row: before } = await ownEntry(tx, auth, pathwayId, entryId);
        const values: Partial<typeof journalEntries.$inferInsert> = {};
        if (patch.occurredAt !== undefined) {
          values.occurredAt = new Date(patch.occurredAt);
          if (values.occurredAt.getTime() > Date.now() + 3_600_000) throw errors.badRequest('date_in_future', 'A contact moment cannot be in the future.');
        }
        if (patch.type !== undefined) values.type = patch.type;
        if (patch.durationMinutes !== undefined) values.durationMinutes = patch.durationMinutes;
        if (patch.note !== undefined) values.note = patch.note;
        if (patch.visibility !== undefined) values.visibility = patch.visibility;
        const changes = diff(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
        let row = before;
        if (Object.keys(changes).length) {
          [row] = await tx
            .update(journalEntries)
            .set({ ...values, updatedAt: new Date() })
            .where(and(eq(journalEntries.organisationId, auth.organisationId), eq(journalEntries.id, entryId)))
            .returning();
          if (changes.note) changes.note = ['[note]', '[changed]'];
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'journal-entry', entityId: entryId, changes });
        }
        const [me] = await tx
          .select({ authorName })
          .from(people)
          .where(and(eq(people.organisationId, auth.organisationId), eq(people.id, auth.personId)));
        return present(row, me?.authorName ?? '', auth);
      });
    },

    async remove(auth: Auth, pathwayId: string, entryId: string) {
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const { row } = await ownEntry(tx, auth, pathwayId, entryId);
        await tx.delete(journalEntries).where(and(eq(journalEntries.organisationId, auth.organisationId), eq(journalEntries.id, entryId)));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'delete',
          entityType: 'journal-entry',
          entityId: entryId,
          changes: { pathwayId: row.pathwayId, type: row.type, visibility: row.visibility, occurredAt: row.occurredAt.toISOString() },
        });
      });
    },
  };
}
