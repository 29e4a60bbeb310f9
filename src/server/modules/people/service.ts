import type { z } from 'zod';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { can, placesWith } from '../../../shared/permissions.ts';
import type { Person, peopleQuery, personInput, personPatch } from '../../../shared/people.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { type PersonRow, peopleRepo as repo } from './repo.ts';

const isSelf = (auth: Auth, personId: string) => auth.personId === personId;

/** Staff read people at the places where their role holds; everyone reads their own record. */
function mayRead(auth: Auth, row: PersonRow) {
  return isSelf(auth, row.id) || can(auth.roles, 'people.read', row.placeId ?? undefined);
}
function mayEdit(auth: Auth, row: PersonRow) {
  return isSelf(auth, row.id) || can(auth.roles, 'people.write', row.placeId ?? undefined);
}

function present(auth: Auth, row: PersonRow): Person {
  return {
    id: row.id,
    kind: row.kind,
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    birthDate: row.birthDate,
    placeId: row.placeId,
    placeName: row.placeName,
    languages: row.languages,
    preferredLanguage: row.preferredLanguage,
    city: row.city,
    about: row.about,
    hasAccount: row.hasAccount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: {
      edit: mayEdit(auth, row),
      invite: row.kind === 'participant' && !row.hasAccount && can(auth.roles, 'people.invite', row.placeId ?? undefined),
    },
  };
}

/**
 * Participants of one place (or of none) by name, with nothing but their names: for a module that
 * has already checked the caller's right to this narrow lookup (a facilitator at the door).
 */
export async function participantsByName(tx: Tx, organisationId: string, placeId: string, text: string, limit: number) {
  const { rows } = await repo.search(tx, organisationId, { text, kind: 'participant', placeIds: [placeId], limit, offset: 0 });
  return rows.map((r) => ({ id: r.id, givenName: r.givenName, familyName: r.familyName }));
}

export function peopleService(db: Db) {
  return {
    async search(auth: Auth, q: z.output<typeof peopleQuery>) {
      const placeIds = placesWith(auth.roles, 'people.read');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { rows, total } = await repo.search(tx, auth.organisationId, { text: q.q, kind: q.kind, placeId: q.placeId, placeIds, limit: q.limit, offset: q.offset });
        return {
          items: rows.map((r) => ({ id: r.id, kind: r.kind, givenName: r.givenName, familyName: r.familyName, email: r.email, placeId: r.placeId, placeName: r.placeName, city: r.city })),
          total,
        };
      });
    },

    async get(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.find(tx, auth.organisationId, id);
        // Someone the user may not see is "not found", never "forbidden": no hint that it exists.
        if (!row || !mayRead(auth, row)) throw errors.notFound('Person');
        return present(auth, row);
      });
    },

    async create(auth: Auth, input: z.output<typeof personInput>) {
      if (!can(auth.roles, 'people.write', input.placeId ?? undefined)) throw errors.forbidden('You may not add people at this place.');
      if (input.kind === 'staff' && !can(auth.roles, 'staff.manage')) throw errors.forbidden('Only administrators add staff.');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        if (input.placeId && !(await repo.placeExists(tx, auth.organisationId, input.placeId))) throw errors.badRequest('unknown_place', 'This place does not exist.');
        if (input.email && (await repo.emailTaken(tx, auth.organisationId, input.email))) throw errors.conflict('email_taken', 'Someone with this e-mail address already exists.');
        const created = await repo.insert(tx, { ...input, organisationId: auth.organisationId });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'person', entityId: created.id, changes: { ...input } });
        return present(auth, (await repo.find(tx, auth.organisationId, created.id)) as PersonRow);
      });
    },

    async update(auth: Auth, id: string, patch: z.output<typeof personPatch>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.find(tx, auth.organisationId, id);
        if (!row || !mayRead(auth, row)) throw errors.notFound('Person');
        if (!mayEdit(auth, row)) throw errors.forbidden();
        if (patch.placeId !== undefined && patch.placeId !== row.placeId) {
          if (!can(auth.roles, 'people.write', patch.placeId ?? undefined)) throw errors.forbidden('You may not move people to this place.');
          if (patch.placeId && !(await repo.placeExists(tx, auth.organisationId, patch.placeId))) throw errors.badRequest('unknown_place', 'This place does not exist.');
        }
        if (patch.email && (await repo.emailTaken(tx, auth.organisationId, patch.email, id))) throw errors.conflict('email_taken', 'Someone with this e-mail address already exists.');
        const changes = diff(row as unknown as Record<string, unknown>, patch);
        if (Object.keys(changes).length === 0) return present(auth, row);
        await repo.update(tx, auth.organisationId, id, patch);
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'person', entityId: id, changes });
        return present(auth, (await repo.find(tx, auth.organisationId, id)) as PersonRow);
      });
    },
  };
}
