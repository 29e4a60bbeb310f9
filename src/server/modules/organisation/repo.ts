import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  accounts,
  fundingLines,
  organisations,
  partnerContacts,
  partners,
  people,
  placeHosts,
  places,
  programmePlaces,
  programmes,
  roleAssignments,
  sessions,
} from '../../db/schema/index.ts';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** Names are unique per organisation regardless of case: "Stuyfplek Lier" and "stuyfplek lier" are one place. */
const sameName = (column: typeof programmes.name | typeof places.name | typeof partners.name, value: string) =>
  sql`lower(${column}) = ${value.toLowerCase()}`;

export type ProgrammeRow = typeof programmes.$inferSelect;
export type PlaceRow = typeof places.$inferSelect;
export type PartnerRow = typeof partners.$inferSelect;
export type ContactRow = typeof partnerContacts.$inferSelect;

async function countsByPlace(tx: Executor, organisationId: string, placeIds: string[], table: typeof people | typeof roleAssignments) {
  if (placeIds.length === 0) return new Map<string, number>();
  const rows = await tx
    .select({ placeId: table.placeId, n: count() })
    .from(table)
    .where(and(eq(table.organisationId, organisationId), inArray(table.placeId, placeIds)))
    .groupBy(table.placeId);
  return new Map(rows.map((r) => [r.placeId as string, r.n]));
}

export const organisationRepo = {
  async organisation(tx: Executor, organisationId: string) {
    const [row] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
    return row;
  },

  // ---------- programmes ----------

  async listProgrammes(tx: Executor, organisationId: string) {
    return tx.select().from(programmes).where(eq(programmes.organisationId, organisationId)).orderBy(desc(programmes.startsOn), asc(programmes.name));
  },

  async findProgramme(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx.select().from(programmes).where(and(eq(programmes.organisationId, organisationId), eq(programmes.id, id)));
    return row;
  },

  async programmeNameTaken(tx: Executor, organisationId: string, name: string, exceptId?: string) {
    const [row] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.organisationId, organisationId), sameName(programmes.name, name), exceptId ? ne(programmes.id, exceptId) : undefined));
    return !!row;
  },

  /** Funding lines and linked places of the given programmes, in one query each. */
  async programmeDetails(tx: Executor, organisationId: string, programmeIds: string[]) {
    if (programmeIds.length === 0) return { lines: [], links: [] };
    const lines = await tx
      .select()
      .from(fundingLines)
      .where(and(eq(fundingLines.organisationId, organisationId), inArray(fundingLines.programmeId, programmeIds)))
      .orderBy(asc(fundingLines.createdAt), asc(fundingLines.id));
    const links = await tx
      .select({ programmeId: programmePlaces.programmeId, id: places.id, name: places.name })
      .from(programmePlaces)
      .innerJoin(places, and(eq(places.organisationId, programmePlaces.organisationId), eq(places.id, programmePlaces.placeId)))
      .where(and(eq(programmePlaces.organisationId, organisationId), inArray(programmePlaces.programmeId, programmeIds)))
      .orderBy(asc(places.name));
    return { lines, links };
  },

  async insertProgramme(tx: Executor, values: typeof programmes.$inferInsert) {
    const [row] = await tx.insert(programmes).values(values).returning();
    return row;
  },

  async updateProgramme(tx: Executor, organisationId: string, id: string, values: Partial<typeof programmes.$inferInsert>) {
    await tx.update(programmes).set({ ...values, updatedAt: new Date() }).where(and(eq(programmes.organisationId, organisationId), eq(programmes.id, id)));
  },

  async deleteProgramme(tx: Executor, organisationId: string, id: string) {
    await tx.delete(programmes).where(and(eq(programmes.organisationId, organisationId), eq(programmes.id, id)));
  },

  /** Replaces all funding lines of a programme. */
  async setFundingLines(tx: Executor, organisationId: string, programmeId: string, lines: { funder: string; reference?: string | null; amountCents: number }[]) {
    await tx.delete(fundingLines).where(and(eq(fundingLines.organisationId, organisationId), eq(fundingLines.programmeId, programmeId)));
    if (lines.length) await tx.insert(fundingLines).values(lines.map((l) => ({ organisationId, programmeId, funder: l.funder, reference: l.reference ?? null, amountCents: l.amountCents })));
  },

  async setProgrammePlaces(tx: Executor, organisationId: string, programmeId: string, placeIds: string[]) {
    await tx.delete(programmePlaces).where(and(eq(programmePlaces.organisationId, organisationId), eq(programmePlaces.programmeId, programmeId)));
    if (placeIds.length) await tx.insert(programmePlaces).values(placeIds.map((placeId) => ({ organisationId, programmeId, placeId })));
  },

  /** Which of `ids` are places of this organisation. */
  async existingPlaceIds(tx: Executor, organisationId: string, ids: string[]) {
    if (ids.length === 0) return new Set<string>();
    const rows = await tx.select({ id: places.id }).from(places).where(and(eq(places.organisationId, organisationId), inArray(places.id, ids)));
    return new Set(rows.map((r) => r.id));
  },

  // ---------- places ----------

  async listPlaces(tx: Executor, organisationId: string) {
    return tx.select().from(places).where(eq(places.organisationId, organisationId)).orderBy(asc(places.name));
  },

  async findPlace(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx.select().from(places).where(and(eq(places.organisationId, organisationId), eq(places.id, id)));
    return row;
  },

  async placeNameTaken(tx: Executor, organisationId: string, name: string, exceptId?: string) {
    const [row] = await tx
      .select({ id: places.id })
      .from(places)
      .where(and(eq(places.organisationId, organisationId), sameName(places.name, name), exceptId ? ne(places.id, exceptId) : undefined));
    return !!row;
  },

  async placeHosts(tx: Executor, organisationId: string, placeIds: string[]) {
    if (placeIds.length === 0) return [];
    return tx
      .select({ placeId: placeHosts.placeId, personId: people.id, givenName: people.givenName, familyName: people.familyName })
      .from(placeHosts)
      .innerJoin(people, and(eq(people.organisationId, placeHosts.organisationId), eq(people.id, placeHosts.personId)))
      .where(and(eq(placeHosts.organisationId, organisationId), inArray(placeHosts.placeId, placeIds)))
      .orderBy(asc(people.familyName), asc(people.givenName));
  },

  /** How many people have each place as theirs (archived ones too: they still point at it). */
  peopleCounts(tx: Executor, organisationId: string, placeIds: string[]) {
    return countsByPlace(tx, organisationId, placeIds, people);
  },

  /** How many staff roles hold at each place. */
  roleCounts(tx: Executor, organisationId: string, placeIds: string[]) {
    return countsByPlace(tx, organisationId, placeIds, roleAssignments);
  },

  async insertPlace(tx: Executor, values: typeof places.$inferInsert) {
    const [row] = await tx.insert(places).values(values).returning();
    return row;
  },

  async updatePlace(tx: Executor, organisationId: string, id: string, values: Partial<typeof places.$inferInsert>) {
    await tx.update(places).set({ ...values, updatedAt: new Date() }).where(and(eq(places.organisationId, organisationId), eq(places.id, id)));
  },

  async deletePlace(tx: Executor, organisationId: string, id: string) {
    await tx.delete(places).where(and(eq(places.organisationId, organisationId), eq(places.id, id)));
  },

  async setPlaceHosts(tx: Executor, organisationId: string, placeId: string, personIds: string[]) {
    await tx.delete(placeHosts).where(and(eq(placeHosts.organisationId, organisationId), eq(placeHosts.placeId, placeId)));
    if (personIds.length) await tx.insert(placeHosts).values(personIds.map((personId) => ({ organisationId, placeId, personId })));
  },

  /** Which of `ids` are people (not archived) of this organisation. */
  async existingPersonIds(tx: Executor, organisationId: string, ids: string[]) {
    if (ids.length === 0) return new Set<string>();
    const rows = await tx.select({ id: people.id }).from(people).where(and(eq(people.organisationId, organisationId), inArray(people.id, ids), isNull(people.archivedAt)));
    return new Set(rows.map((r) => r.id));
  },

  // ---------- partners ----------

  async listPartners(tx: Executor, organisationId: string, q: { q?: string; kind?: string }) {
    const conditions: (SQL | undefined)[] = [eq(partners.organisationId, organisationId)];
    if (q.kind) conditions.push(eq(partners.kind, q.kind));
    const text = q.q?.trim();
    if (text) {
      const pattern = `%${escapeLike(text)}%`;
      conditions.push(or(ilike(partners.name, pattern), ilike(partners.description, pattern)));
    }
    return tx.select().from(partners).where(and(...conditions)).orderBy(asc(partners.name));
  },

  async findPartner(tx: Executor, organisationId: string, id: string) {
    const [row] = await tx.select().from(partners).where(and(eq(partners.organisationId, organisationId), eq(partners.id, id)));
    return row;
  },

  async partnerNameTaken(tx: Executor, organisationId: string, name: string, exceptId?: string) {
    const [row] = await tx
      .select({ id: partners.id })
      .from(partners)
      .where(and(eq(partners.organisationId, organisationId), sameName(partners.name, name), exceptId ? ne(partners.id, exceptId) : undefined));
    return !!row;
  },

  async contacts(tx: Executor, organisationId: string, partnerIds: string[]) {
    if (partnerIds.length === 0) return [];
    return tx
      .select()
      .from(partnerContacts)
      .where(and(eq(partnerContacts.organisationId, organisationId), inArray(partnerContacts.partnerId, partnerIds)))
      .orderBy(asc(partnerContacts.name), asc(partnerContacts.id));
  },

  async findContact(tx: Executor, organisationId: string, partnerId: string, id: string) {
    const [row] = await tx
      .select()
      .from(partnerContacts)
      .where(and(eq(partnerContacts.organisationId, organisationId), eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.id, id)));
    return row;
  },

  async insertPartner(tx: Executor, values: typeof partners.$inferInsert) {
    const [row] = await tx.insert(partners).values(values).returning();
    return row;
  },

  async updatePartner(tx: Executor, organisationId: string, id: string, values: Partial<typeof partners.$inferInsert>) {
    await tx.update(partners).set({ ...values, updatedAt: new Date() }).where(and(eq(partners.organisationId, organisationId), eq(partners.id, id)));
  },

  async deletePartner(tx: Executor, organisationId: string, id: string) {
    await tx.delete(partners).where(and(eq(partners.organisationId, organisationId), eq(partners.id, id)));
  },

  async insertContact(tx: Executor, values: typeof partnerContacts.$inferInsert) {
    const [row] = await tx.insert(partnerContacts).values(values).returning();
    return row;
  },

  async updateContact(tx: Executor, organisationId: string, id: string, values: Partial<typeof partnerContacts.$inferInsert>) {
    await tx.update(partnerContacts).set({ ...values, updatedAt: new Date() }).where(and(eq(partnerContacts.organisationId, organisationId), eq(partnerContacts.id, id)));
  },

  async deleteContact(tx: Executor, organisationId: string, id: string) {
    await tx.delete(partnerContacts).where(and(eq(partnerContacts.organisationId, organisationId), eq(partnerContacts.id, id)));
  },

  // ---------- staff accounts ----------

  /** Accounts of staff people (not participants), with paging and a name or e-mail filter. */
  async listStaff(tx: Executor, organisationId: string, q: { q?: string; status?: 'active' | 'invited' | 'disabled'; limit: number; offset: number }) {
    const conditions: (SQL | undefined)[] = [eq(accounts.organisationId, organisationId), eq(people.kind, 'staff')];
    if (q.status) conditions.push(eq(accounts.status, q.status));
    const text = q.q?.trim().toLowerCase();
    if (text) {
      for (const word of text.split(/\s+/).slice(0, 5)) {
        const pattern = `%${escapeLike(word)}%`;
        conditions.push(or(ilike(sql`lower(${people.givenName} || ' ' || ${people.familyName})`, pattern), ilike(accounts.login, pattern)));
      }
    }
    const where = and(...conditions);
    const join = and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId));
    const rows = await tx
      .select({ account: accounts, person: people })
      .from(accounts)
      .innerJoin(people, join)
      .where(where)
      .orderBy(asc(people.familyName), asc(people.givenName), asc(accounts.id))
      .limit(q.limit)
      .offset(q.offset);
    const [{ total }] = await tx.select({ total: count() }).from(accounts).innerJoin(people, join).where(where);
    return { rows, total };
  },

  async findStaff(tx: Executor, organisationId: string, accountId: string) {
    const [row] = await tx
      .select({ account: accounts, person: people })
      .from(accounts)
      .innerJoin(people, and(eq(people.organisationId, accounts.organisationId), eq(people.id, accounts.personId)))
      .where(and(eq(accounts.organisationId, organisationId), eq(accounts.id, accountId), eq(people.kind, 'staff')));
    return row;
  },

  async roles(tx: Executor, organisationId: string, accountIds: string[]) {
    if (accountIds.length === 0) return [];
    return tx
      .select({ accountId: roleAssignments.accountId, role: roleAssignments.role, placeId: roleAssignments.placeId, placeName: places.name })
      .from(roleAssignments)
      .leftJoin(places, and(eq(places.organisationId, roleAssignments.organisationId), eq(places.id, roleAssignments.placeId)))
      .where(and(eq(roleAssignments.organisationId, organisationId), inArray(roleAssignments.accountId, accountIds)))
      .orderBy(asc(roleAssignments.role), asc(places.name));
  },

  async setRoles(tx: Executor, organisationId: string, accountId: string, roles: { role: string; placeId: string | null }[]) {
    await tx.delete(roleAssignments).where(and(eq(roleAssignments.organisationId, organisationId), eq(roleAssignments.accountId, accountId)));
    if (roles.length) await tx.insert(roleAssignments).values(roles.map((r) => ({ organisationId, accountId, role: r.role, placeId: r.placeId })));
  },

  async loginTaken(tx: Executor, organisationId: string, login: string) {
    const [row] = await tx.select({ id: accounts.id }).from(accounts).where(and(eq(accounts.organisationId, organisationId), eq(accounts.login, login)));
    return !!row;
  },

  async emailTaken(tx: Executor, organisationId: string, email: string) {
    const [row] = await tx.select({ id: people.id }).from(people).where(and(eq(people.organisationId, organisationId), sql`lower(${people.email}) = ${email.toLowerCase()}`));
    return !!row;
  },

  async insertPerson(tx: Executor, values: typeof people.$inferInsert) {
    const [row] = await tx.insert(people).values(values).returning();
    return row;
  },

  async updatePerson(tx: Executor, organisationId: string, id: string, values: Partial<typeof people.$inferInsert>) {
    await tx.update(people).set({ ...values, updatedAt: new Date() }).where(and(eq(people.organisationId, organisationId), eq(people.id, id)));
  },

  async insertAccount(tx: Executor, values: typeof accounts.$inferInsert) {
    const [row] = await tx.insert(accounts).values(values).returning();
    return row;
  },

  async setAccountStatus(tx: Executor, organisationId: string, accountId: string, status: 'active' | 'disabled') {
    await tx.update(accounts).set({ status, updatedAt: new Date() }).where(and(eq(accounts.organisationId, organisationId), eq(accounts.id, accountId)));
  },

  async endSessions(tx: Executor, organisationId: string, accountId: string) {
    await tx.delete(sessions).where(and(eq(sessions.organisationId, organisationId), eq(sessions.accountId, accountId)));
  },
};
