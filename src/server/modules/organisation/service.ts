import type { z } from 'zod';
import type { Config } from '../../config.ts';
import { type Db, type Executor, withOrganisation } from '../../db/client.ts';
import type { Auth } from '../../http/auth.ts';
import { AppError, errors } from '../../http/errors.ts';
import type { Mailer } from '../../mail.ts';
import {
  funders,
  type Partner,
  type Place,
  type Programme,
  type StaffMember,
  type partnerContactInput,
  type partnerContactPatch,
  type partnerInput,
  type partnerPatch,
  type partnerQuery,
  type placeInput,
  type placePatch,
  type programmeInput,
  type programmePatch,
  type staffInput,
  type staffPatch,
  type staffQuery,
} from '../../../shared/organisation.ts';
import { can, type Permission } from '../../../shared/permissions.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { sendSetPasswordLink } from '../auth/service.ts';
import { type ContactRow, organisationRepo as repo, type PartnerRow, type PlaceRow, type ProgrammeRow } from './repo.ts';

/** The PostgreSQL error code of a failed query, also when Drizzle wraps the driver's error. */
const pgCode = (e: unknown) => (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code;

/** Runs a write; a row that other records still point at (a foreign key) becomes 409 `code`, never a 500. */
async function refusingInUse<T>(code: string, detail: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (pgCode(e) === '23503') throw errors.conflict(code, detail);
    throw e;
  }
}

/** Runs an insert or update; a name taken meanwhile by a parallel request is still a 409. */
async function uniqueName<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (pgCode(e) === '23505') throw nameTaken();
    throw e;
  }
}

const nameTaken = () => errors.conflict('name_taken', 'This name is already in use in your organisation.');

/**
 * The organisation's set-up is managed organisation-wide: an administrator bound to one place
 * may change that place, but not the programmes, partners or staff of everyone.
 */
function requireOrganisationWide(auth: Auth, permission: Permission, placeId: string | null = null) {
  if (!can(auth.roles, permission, placeId)) throw errors.forbidden('Only an administrator of the whole organisation may do this.');
}

const unique = (ids: string[]) => [...new Set(ids)];

async function requirePlaces(tx: Executor, organisationId: string, ids: string[]) {
  const found = await repo.existingPlaceIds(tx, organisationId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw errors.badRequest('unknown_place', 'This place does not exist.', { placeIds: missing });
}

async function requirePeople(tx: Executor, organisationId: string, ids: string[]) {
  const found = await repo.existingPersonIds(tx, organisationId, ids);
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw errors.badRequest('unknown_person', 'This person does not exist.', { personIds: missing });
}

// ---------- presenting ----------

async function presentProgrammes(tx: Executor, organisationId: string, rows: ProgrammeRow[]): Promise<Programme[]> {
  const { lines, links } = await repo.programmeDetails(tx, organisationId, rows.map((r) => r.id));
  const order = (f: string) => {
    const i = (funders as readonly string[]).indexOf(f);
    return i === -1 ? funders.length : i;
  };
  return rows.map((r) => {
    const own = lines.filter((l) => l.programmeId === r.id);
    const byFunder = new Map<string, number>();
    for (const l of own) byFunder.set(l.funder, (byFunder.get(l.funder) ?? 0) + l.amountCents);
    return {
      id: r.id,
      name: r.name,
      description: r.description,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      places: links.filter((p) => p.programmeId === r.id).map((p) => ({ id: p.id, name: p.name })),
      fundingLines: own.map((l) => ({ id: l.id, funder: l.funder, reference: l.reference, amountCents: l.amountCents })),
      totals: {
        byFunder: [...byFunder].map(([funder, amountCents]) => ({ funder, amountCents })).sort((a, b) => order(a.funder) - order(b.funder) || a.funder.localeCompare(b.funder)),
        amountCents: own.reduce((sum, l) => sum + l.amountCents, 0),
      },
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

async function presentPlaces(tx: Executor, organisationId: string, rows: PlaceRow[]): Promise<Place[]> {
  const ids = rows.map((r) => r.id);
  const hosts = await repo.placeHosts(tx, organisationId, ids);
  const counts = await repo.peopleCounts(tx, organisationId, ids);
  const roleCounts = await repo.roleCounts(tx, organisationId, ids);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    street: r.street,
    postalCode: r.postalCode,
    city: r.city,
    country: r.country,
    phone: r.phone,
    description: r.description,
    hosts: hosts.filter((h) => h.placeId === r.id).map(({ personId, givenName, familyName }) => ({ personId, givenName, familyName })),
    peopleCount: counts.get(r.id) ?? 0,
    staffRoleCount: roleCounts.get(r.id) ?? 0,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const presentContact = (c: ContactRow) => ({ id: c.id, name: c.name, role: c.role, email: c.email, phone: c.phone });

async function presentPartners(tx: Executor, organisationId: string, rows: PartnerRow[]): Promise<Partner[]> {
  const contacts = await repo.contacts(tx, organisationId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    website: r.website,
    email: r.email,
    phone: r.phone,
    description: r.description,
    contacts: contacts.filter((c) => c.partnerId === r.id).map(presentContact),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

type StaffRow = NonNullable<Awaited<ReturnType<typeof repo.findStaff>>>;

async function presentStaff(tx: Executor, organisationId: string, rows: StaffRow[]): Promise<StaffMember[]> {
  const roles = await repo.roles(tx, organisationId, rows.map((r) => r.account.id));
  return rows.map(({ account, person }) => ({
    accountId: account.id,
    personId: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    email: account.login,
    phone: person.phone,
    locale: account.locale,
    status: account.status,
    passwordSet: !!account.passwordHash,
    lastLoginAt: account.lastLoginAt?.toISOString() ?? null,
    roles: roles.filter((r) => r.accountId === account.id).map(({ role, placeId, placeName }) => ({ role, placeId, placeName })),
    partnerId: person.partnerId,
    createdAt: account.createdAt.toISOString(),
  }));
}

const roleKey = (r: { role: string; placeId: string | null }) => `${r.role}@${r.placeId ?? '*'}`;
const sortedRoleKeys = (roles: { role: string; placeId: string | null }[]) => roles.map(roleKey).sort();

export function organisationService(db: Db, config: Pick<Config, 'publicUrl'>, mailer: Mailer) {
  async function loadProgramme(tx: Executor, auth: Auth, id: string) {
    const row = await repo.findProgramme(tx, auth.organisationId, id);
    if (!row) throw errors.notFound('Programme');
    return (await presentProgrammes(tx, auth.organisationId, [row]))[0];
  }
  async function loadPlace(tx: Executor, auth: Auth, id: string) {
    const row = await repo.findPlace(tx, auth.organisationId, id);
    if (!row) throw errors.notFound('Place');
    return (await presentPlaces(tx, auth.organisationId, [row]))[0];
  }
  async function loadPartner(tx: Executor, auth: Auth, id: string) {
    const row = await repo.findPartner(tx, auth.organisationId, id);
    if (!row) throw errors.notFound('Partner');
    return (await presentPartners(tx, auth.organisationId, [row]))[0];
  }
  async function loadStaff(tx: Executor, auth: Auth, accountId: string) {
    const row = await repo.findStaff(tx, auth.organisationId, accountId);
    if (!row) throw errors.notFound('Staff account');
    return (await presentStaff(tx, auth.organisationId, [row]))[0];
  }

  return {
    async organisation(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.organisation(tx, auth.organisationId);
        if (!row) throw errors.notFound('Organisation');
        return row;
      });
    },

    // ---------- programmes ----------

    async listProgrammes(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const items = await presentProgrammes(tx, auth.organisationId, await repo.listProgrammes(tx, auth.organisationId));
        return { items, total: items.length };
      });
    },

    async getProgramme(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, (tx) => loadProgramme(tx, auth, id));
    },

    async createProgramme(auth: Auth, input: z.output<typeof programmeInput>) {
      requireOrganisationWide(auth, 'organisation.manage');
      const placeIds = unique(input.placeIds);
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (await repo.programmeNameTaken(tx, auth.organisationId, input.name)) throw nameTaken();
        await requirePlaces(tx, auth.organisationId, placeIds);
        const row = await repo.insertProgramme(tx, {
          organisationId: auth.organisationId,
          name: input.name,
          description: input.description ?? null,
          startsOn: input.startsOn,
          endsOn: input.endsOn ?? null,
        });
        await repo.setFundingLines(tx, auth.organisationId, row.id, input.fundingLines);
        await repo.setProgrammePlaces(tx, auth.organisationId, row.id, placeIds);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'programme', entityId: row.id, changes: { ...input, placeIds } });
        return loadProgramme(tx, auth, row.id);
      });
    },

    async updateProgramme(auth: Auth, id: string, patch: z.output<typeof programmePatch>) {
      requireOrganisationWide(auth, 'organisation.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadProgramme(tx, auth, id);
        if (patch.name !== undefined && (await repo.programmeNameTaken(tx, auth.organisationId, patch.name, id))) throw nameTaken();
        const startsOn = patch.startsOn !== undefined ? patch.startsOn : before.startsOn;
        const endsOn = patch.endsOn !== undefined ? patch.endsOn : before.endsOn;
        if (startsOn && endsOn && endsOn < startsOn) throw errors.badRequest('invalid_period', 'The end date must be on or after the start date.');
        const { placeIds: newPlaceIds, fundingLines: newLines, ...scalars } = patch;
        const changes: Record<string, unknown> = diff(before as unknown as Record<string, unknown>, scalars);
        if (newPlaceIds !== undefined) {
          const placeIds = unique(newPlaceIds);
          const oldPlaceIds = before.places.map((p) => p.id);
          if ([...placeIds].sort().join() !== [...oldPlaceIds].sort().join()) {
            await requirePlaces(tx, auth.organisationId, placeIds);
            await repo.setProgrammePlaces(tx, auth.organisationId, id, placeIds);
            changes.placeIds = [oldPlaceIds, placeIds];
          }
        }
        if (newLines !== undefined) {
          const strip = (ls: { funder: string; reference?: string | null; amountCents: number }[]) =>
            ls.map((l) => ({ funder: l.funder, reference: l.reference ?? null, amountCents: l.amountCents }));
          const oldLines = strip(before.fundingLines);
          if (JSON.stringify(oldLines) !== JSON.stringify(strip(newLines))) {
            await repo.setFundingLines(tx, auth.organisationId, id, newLines);
            changes.fundingLines = [oldLines, strip(newLines)];
          }
        }
        if (Object.keys(changes).length === 0) return before;
        // Always written, so that updated_at moves also when only the lines or places changed.
        await repo.updateProgramme(tx, auth.organisationId, id, scalars);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'programme', entityId: id, changes });
        return loadProgramme(tx, auth, id);
      });
    },

    async deleteProgramme(auth: Auth, id: string) {
      requireOrganisationWide(auth, 'organisation.manage');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadProgramme(tx, auth, id);
        await refusingInUse('programme_in_use', 'Other records still belong to this programme.', () => repo.deleteProgramme(tx, auth.organisationId, id));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'delete',
          entityType: 'programme',
          entityId: id,
          changes: { name: before.name, startsOn: before.startsOn, endsOn: before.endsOn, fundingLines: before.fundingLines.map(({ id: _, ...l }) => l) },
        });
      });
    },

    // ---------- places ----------

    async listPlaces(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const items = await presentPlaces(tx, auth.organisationId, await repo.listPlaces(tx, auth.organisationId));
        return { items, total: items.length };
      });
    },

    async getPlace(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, (tx) => loadPlace(tx, auth, id));
    },

    async createPlace(auth: Auth, input: z.output<typeof placeInput>) {
      requireOrganisationWide(auth, 'organisation.manage');
      const hostPersonIds = unique(input.hostPersonIds);
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (await repo.placeNameTaken(tx, auth.organisationId, input.name)) throw nameTaken();
        await requirePeople(tx, auth.organisationId, hostPersonIds);
        const { hostPersonIds: _, ...values } = input;
        const row = await uniqueName(() => repo.insertPlace(tx, { ...values, organisationId: auth.organisationId }));
        await repo.setPlaceHosts(tx, auth.organisationId, row.id, hostPersonIds);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'place', entityId: row.id, changes: { ...input, hostPersonIds } });
        return loadPlace(tx, auth, row.id);
      });
    },

    async updatePlace(auth: Auth, id: string, patch: z.output<typeof placePatch>) {
      // An administrator of this one place may keep its address and hosts up to date.
      requireOrganisationWide(auth, 'organisation.manage', id);
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadPlace(tx, auth, id);
        if (patch.name !== undefined && (await repo.placeNameTaken(tx, auth.organisationId, patch.name, id))) throw nameTaken();
        const { hostPersonIds: newHosts, ...scalars } = patch;
        const changes: Record<string, unknown> = diff(before as unknown as Record<string, unknown>, scalars);
        if (newHosts !== undefined) {
          const hostPersonIds = unique(newHosts);
          const oldHosts = before.hosts.map((h) => h.personId);
          if ([...hostPersonIds].sort().join() !== [...oldHosts].sort().join()) {
            await requirePeople(tx, auth.organisationId, hostPersonIds);
            await repo.setPlaceHosts(tx, auth.organisationId, id, hostPersonIds);
            changes.hostPersonIds = [oldHosts, hostPersonIds];
          }
        }
        if (Object.keys(changes).length === 0) return before;
        await uniqueName(() => repo.updatePlace(tx, auth.organisationId, id, scalars));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'place', entityId: id, changes });
        return loadPlace(tx, auth, id);
      });
    },

    async deletePlace(auth: Auth, id: string) {
      requireOrganisationWide(auth, 'organisation.manage');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadPlace(tx, auth, id);
        // Deleting would silently take away people's place and colleagues' roles there: say so instead.
        const staffRoles = before.staffRoleCount;
        if (before.peopleCount > 0 || staffRoles > 0) {
          throw errors.conflict('place_in_use', `${before.peopleCount} people and ${staffRoles} staff roles are linked to this place. Move them first.`, {
            people: before.peopleCount,
            staffRoles,
          });
        }
        await refusingInUse('place_in_use', 'Other records are still linked to this place.', () => repo.deletePlace(tx, auth.organisationId, id));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'delete', entityType: 'place', entityId: id, changes: { name: before.name, city: before.city } });
      });
    },

    // ---------- partners ----------

    async listPartners(auth: Auth, q: z.output<typeof partnerQuery>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const items = await presentPartners(tx, auth.organisationId, await repo.listPartners(tx, auth.organisationId, q));
        return { items, total: items.length };
      });
    },

    async getPartner(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, (tx) => loadPartner(tx, auth, id));
    },

    async createPartner(auth: Auth, input: z.output<typeof partnerInput>) {
      requireOrganisationWide(auth, 'organisation.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (await repo.partnerNameTaken(tx, auth.organisationId, input.name)) throw nameTaken();
        const row = await uniqueName(() => repo.insertPartner(tx, { ...input, organisationId: auth.organisationId }));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'partner', entityId: row.id, changes: { ...input } });
        return loadPartner(tx, auth, row.id);
      });
    },

    async updatePartner(auth: Auth, id: string, patch: z.output<typeof partnerPatch>) {
      requireOrganisationWide(auth, 'organisation.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadPartner(tx, auth, id);
        if (patch.name !== undefined && (await repo.partnerNameTaken(tx, auth.organisationId, patch.name, id))) throw nameTaken();
        const changes = diff(before as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length === 0) return before;
        await uniqueName(() => repo.updatePartner(tx, auth.organisationId, id, patch));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'partner', entityId: id, changes });
        return loadPartner(tx, auth, id);
      });
    },

    async deletePartner(auth: Auth, id: string) {
      requireOrganisationWide(auth, 'organisation.manage');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadPartner(tx, auth, id);
        await refusingInUse('partner_in_use', 'Other records (referrals, agreements) still point at this partner.', () =>
          repo.deletePartner(tx, auth.organisationId, id),
        );
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'delete',
          entityType: 'partner',
          entityId: id,
          changes: { name: before.name, kind: before.kind, contacts: before.contacts.map((c) => c.name) },
        });
      });
    },

    async addContact(auth: Auth, partnerId: string, input: z.output<typeof partnerContactInput>) {
      requireOrganisationWide(auth, 'organisation.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await loadPartner(tx, auth, partnerId);
        const row = await repo.insertContact(tx, { ...input, organisationId: auth.organisationId, partnerId });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'partner-contact', entityId: row.id, changes: { partnerId, ...input } });
        return presentContact(row);
      });
    },

    async updateContact(auth: Auth, partnerId: string, contactId: string, patch: z.output<typeof partnerContactPatch>) {
      requireOrganisationWide(auth, 'organisation.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await repo.findContact(tx, auth.organisationId, partnerId, contactId);
        if (!before) throw errors.notFound('Contact person');
        const changes = diff(before as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length === 0) return presentContact(before);
        await repo.updateContact(tx, auth.organisationId, contactId, patch);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'partner-contact', entityId: contactId, changes });
        return presentContact((await repo.findContact(tx, auth.organisationId, partnerId, contactId)) as ContactRow);
      });
    },

    async deleteContact(auth: Auth, partnerId: string, contactId: string) {
      requireOrganisationWide(auth, 'organisation.manage');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await repo.findContact(tx, auth.organisationId, partnerId, contactId);
        if (!before) throw errors.notFound('Contact person');
        await refusingInUse('contact_in_use', 'Other records still point at this contact person.', () => repo.deleteContact(tx, auth.organisationId, contactId));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'delete', entityType: 'partner-contact', entityId: contactId, changes: { partnerId, name: before.name } });
      });
    },

    // ---------- staff accounts ----------

    async listStaff(auth: Auth, q: z.output<typeof staffQuery>) {
      requireOrganisationWide(auth, 'staff.manage');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { rows, total } = await repo.listStaff(tx, auth.organisationId, q);
        return { items: await presentStaff(tx, auth.organisationId, rows), total };
      });
    },

    async getStaff(auth: Auth, accountId: string) {
      requireOrganisationWide(auth, 'staff.manage');
      return withOrganisation(db, auth.organisationId, (tx) => loadStaff(tx, auth, accountId));
    },

    /** A staff person, their account and roles in one transaction; then a mail to choose a password. */
    async createStaff(auth: Auth, input: z.output<typeof staffInput>) {
      requireOrganisationWide(auth, 'staff.manage');
      const created = await withOrganisation(db, auth.organisationId, async (tx) => {
        if (await repo.emailTaken(tx, auth.organisationId, input.email)) throw errors.conflict('email_taken', 'Someone with this e-mail address already exists.');
        if (await repo.loginTaken(tx, auth.organisationId, input.email)) throw errors.conflict('login_taken', 'This login is already in use.');
        await requirePlaces(tx, auth.organisationId, unique(input.roles.flatMap((r) => (r.placeId ? [r.placeId] : []))));
        const person = await repo.insertPerson(tx, {
          organisationId: auth.organisationId,
          kind: 'staff',
          givenName: input.givenName,
          familyName: input.familyName,
          email: input.email,
          phone: input.phone ?? null,
          // Their first place-bound role says where they usually work; organisation-wide staff have none.
          placeId: input.roles.find((r) => r.placeId)?.placeId ?? null,
          preferredLanguage: input.locale,
          partnerId: input.partnerId ?? null,
        });
        const account = await repo.insertAccount(tx, { organisationId: auth.organisationId, personId: person.id, login: input.email, status: 'active', locale: input.locale });
        await repo.setRoles(tx, auth.organisationId, account.id, input.roles);
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'account',
          entityId: account.id,
          changes: { givenName: input.givenName, familyName: input.familyName, login: input.email, roles: sortedRoleKeys(input.roles) },
        });
        const organisation = await repo.organisation(tx, auth.organisationId);
        return { member: await loadStaff(tx, auth, account.id), organisationName: organisation.name };
      });
      const passwordLinkSent = await sendSetPasswordLink(db, config, mailer, {
        organisationId: auth.organisationId,
        accountId: created.member.accountId,
        login: created.member.email,
        givenName: created.member.givenName,
        organisationName: created.organisationName,
        locale: created.member.locale,
        createdBy: auth.accountId,
      });
      return { ...created.member, passwordLinkSent };
    },

    async updateStaff(auth: Auth, accountId: string, patch: z.output<typeof staffPatch>) {
      requireOrganisationWide(auth, 'staff.manage');
      const self = accountId === auth.accountId;
      if (self && patch.status === 'disabled') throw errors.badRequest('cannot_disable_self', 'You cannot disable your own account.');
      if (self && patch.roles && !patch.roles.some((r) => r.role === 'admin' && r.placeId === null)) {
        throw errors.badRequest('cannot_remove_own_admin', 'You cannot take away your own administrator role.');
      }
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const before = await loadStaff(tx, auth, accountId);
        const { roles, status, ...personFields } = patch;
        const changes: Record<string, unknown> = diff(before as unknown as Record<string, unknown>, personFields);
        if (Object.keys(changes).length) await repo.updatePerson(tx, auth.organisationId, before.personId, personFields);
        if (roles) {
          const oldKeys = sortedRoleKeys(before.roles);
          const newKeys = sortedRoleKeys(roles);
          if (oldKeys.join() !== newKeys.join()) {
            await requirePlaces(tx, auth.organisationId, unique(roles.flatMap((r) => (r.placeId ? [r.placeId] : []))));
            await repo.setRoles(tx, auth.organisationId, accountId, roles);
            changes.roles = [oldKeys, newKeys];
          }
        }
        let action = 'update';
        if (status && status !== before.status) {
          await repo.setAccountStatus(tx, auth.organisationId, accountId, status);
          // A disabled colleague is signed out at once, not when their session expires.
          if (status === 'disabled') await repo.endSessions(tx, auth.organisationId, accountId);
          changes.status = [before.status, status];
          action = status === 'disabled' ? 'disable' : 'enable';
        }
        if (Object.keys(changes).length === 0) return before;
        await recordAudit(tx, auth.organisationId, auth.accountId, { action, entityType: 'account', entityId: accountId, changes });
        return loadStaff(tx, auth, accountId);
      });
    },

    /** Mails the link to choose a password again (lost mail, expired link). */
    async resendPasswordLink(auth: Auth, accountId: string) {
      requireOrganisationWide(auth, 'staff.manage');
      const found = await withOrganisation(db, auth.organisationId, async (tx) => {
        const member = await loadStaff(tx, auth, accountId);
        if (member.status === 'disabled') throw errors.badRequest('account_disabled', 'This account is disabled. Enable it first.');
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'send-password-link', entityType: 'account', entityId: accountId });
        const organisation = await repo.organisation(tx, auth.organisationId);
        return { member, organisationName: organisation.name };
      });
      const sent = await sendSetPasswordLink(db, config, mailer, {
        organisationId: auth.organisationId,
        accountId,
        login: found.member.email,
        givenName: found.member.givenName,
        organisationName: found.organisationName,
        locale: found.member.locale,
        createdBy: auth.accountId,
      });
      if (!sent) throw new AppError(503, 'mail_failed', 'The mail could not be sent. Try again later.');
    },
  };
}
