import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  activityInput,
  activityPatch,
  attendanceCountsQuery,
  attendanceSync,
  calendarQuery,
  feedbackInput,
  occurrencePatch,
  publicRegistrationInput,
} from '../../../shared/activities.ts';
import { programmeProblems, type scheduleChange } from '../../../shared/activities.ts';
import { can, placesWith } from '../../../shared/permissions.ts';
import type { Config } from '../../config.ts';
import { type Db, type Tx, withOrganisation } from '../../db/client.ts';
import {
  activities,
  activityFacilitators,
  activityFeedback,
  activityTypes,
  attendanceMarks,
  calendarFeeds,
  occurrences,
  people,
  places,
  publicSignupAttempts,
  registrations,
} from '../../db/schema/index.ts';
import type { Auth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { t } from '../../i18n.ts';
import type { Mailer, MailMessage } from '../../mail.ts';
import { diff, recordAudit } from '../audit/service.ts';
import { participantsByName } from '../people/service.ts';
import { calendar as icsCalendar } from './ics.ts';
import { expand, localToUtc, type Schedule, ScheduleError, seriesDates, utcToLocal } from './recurrence.ts';
import { activitiesRepo as repo } from './repo.ts';

type OccRow = NonNullable<Awaited<ReturnType<typeof repo.occurrence>>>;
type RegRow = typeof registrations.$inferSelect;

const MAX_CALENDAR_DAYS = 100;

function whenText(locale: string, startsAt: Date, endsAt: Date) {
  const l = ['nl', 'en', 'fr', 'ar'].includes(locale) ? locale : 'nl';
  const day = new Intl.DateTimeFormat(l === 'nl' ? 'nl-BE' : l === 'fr' ? 'fr-BE' : l, { timeZone: 'Europe/Brussels', dateStyle: 'full' }).format(startsAt);
  const hm = new Intl.DateTimeFormat(l === 'nl' ? 'nl-BE' : l === 'fr' ? 'fr-BE' : l, { timeZone: 'Europe/Brussels', timeStyle: 'short' });
  return `${day}, ${hm.format(startsAt)}–${hm.format(endsAt)}`;
}

const scheduleFail = (e: unknown): never => {
  if (e instanceof ScheduleError) throw errors.badRequest(e.code, e.message);
  throw e;
};

function slugify(title: string) {
  const base = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  return `${base || 'event'}-${randomBytes(4).toString('hex')}`;
}

function presentOccurrence(o: Omit<OccRow, 'placeName'>) {
  return {
    id: o.id,
    activityId: o.activityId,
    title: o.title,
    typeId: o.typeId,
    typeKey: o.typeKey,
    typeName: o.typeName,
    placeId: o.placeId,
    address: o.address,
    startsAt: o.startsAt.toISOString(),
    endsAt: o.endsAt.toISOString(),
    status: o.activityStatus === 'cancelled' ? ('cancelled' as const) : o.status,
    changed: o.changed,
    capacity: o.capacity,
    registered: o.registered,
    waitlisted: o.waitlisted,
  };
}

function presentRegistration(r: RegRow, person?: { givenName: string | null; familyName: string | null; personEmail: string | null }) {
  return {
    id: r.id,
    occurrenceId: r.occurrenceId,
    personId: r.personId,
    name: r.personId ? `${person?.givenName ?? ''} ${person?.familyName ?? ''}`.trim() : (r.guestName ?? ''),
    organisation: r.guestOrganisation,
    email: r.personId ? (person?.personEmail ?? null) : r.guestEmail,
    status: r.status,
    source: r.source,
    queuedAt: r.queuedAt.toISOString(),
  };
}

/** A spreadsheet cell: quoted, and never read as a formula. */
function csvCell(v: string | null | undefined) {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Public sign-ups: at most this many per address in a sliding ten minutes. */
const SIGNUP_MAX = 5;
const SIGNUP_WINDOW_MS = 10 * 60_000;
/** The address as stored: hashed with its window, so a row says nothing once the window is gone. */
const addressHash = (ip: string, windowStart: number) =>
  createHash('sha256')
    .update(`${new Date(windowStart).toISOString()}|${ip}`)
    .digest('hex');

/** The language a registration's mails are written in: the person's own, or the page an outsider used. */
const mailLocale = (personLocale: string | null | undefined, r: { guestLocale: string | null }) => personLocale ?? r.guestLocale ?? 'nl';

export function activitiesService(db: Db, config: Config, mailer: Mailer) {
  /**
   * Counts a public sign-up from this address and says how many seconds it must wait (0: go on).
   * The count lives in the database, so every process shares it: the current ten-minute window
   * plus the previous one weighted by how much of it still falls within the last ten minutes.
   * A refused attempt counts too. Old windows are removed when a new one starts.
   */
  async function signupWait(organisationId: string, ip: string, now: Date) {
    const t0 = now.getTime();
    const windowStart = Math.floor(t0 / SIGNUP_WINDOW_MS) * SIGNUP_WINDOW_MS;
    const previousStart = windowStart - SIGNUP_WINDOW_MS;
    return withOrganisation(db, organisationId, async (tx) => {
      const [row] = await tx
        .insert(publicSignupAttempts)
        .values({ organisationId, addressHash: addressHash(ip, windowStart), windowStart: new Date(windowStart), attempts: 1 })
        .onConflictDoUpdate({
          target: [publicSignupAttempts.organisationId, publicSignupAttempts.addressHash, publicSignupAttempts.windowStart],
          set: { attempts: sql`${publicSignupAttempts.attempts} + 1` },
        })
        .returning({ attempts: publicSignupAttempts.attempts });
      if (row.attempts === 1) {
        await tx
          .delete(publicSignupAttempts)
          .where(and(eq(publicSignupAttempts.organisationId, organisationId), lt(publicSignupAttempts.windowStart, new Date(previousStart))));
      }
      const [prev] = await tx
        .select({ attempts: publicSignupAttempts.attempts })
        .from(publicSignupAttempts)
        .where(
          and(
            eq(publicSignupAttempts.organisationId, organisationId),
            eq(publicSignupAttempts.addressHash, addressHash(ip, previousStart)),
            eq(publicSignupAttempts.windowStart, new Date(previousStart)),
          ),
        );
      const stillCounts = 1 - (t0 - windowStart) / SIGNUP_WINDOW_MS;
      const estimate = row.attempts + (prev?.attempts ?? 0) * stillCounts;
      return estimate > SIGNUP_MAX ? Math.max(1, Math.ceil((windowStart + SIGNUP_WINDOW_MS - t0) / 1000)) : 0;
    });
  }

  /** Mails go out after the transaction commits: never a mail about something that did not happen. */
  async function sendAll(mails: MailMessage[]) {
    for (const m of mails) {
      try {
        await mailer.send(m);
      } catch {
        // A mail that fails does not undo the registration; the mail log shows it.
      }
    }
  }

  async function isFacilitator(tx: Tx, organisationId: string, activityId: string, personId: string) {
    const [row] = await tx
      .select({ p: activityFacilitators.personId })
      .from(activityFacilitators)
      .where(
        and(
          eq(activityFacilitators.organisationId, organisationId),
          eq(activityFacilitators.activityId, activityId),
          eq(activityFacilitators.personId, personId),
        ),
      );
    return !!row;
  }

  async function access(tx: Tx, auth: Auth, activityId: string, placeId: string) {
    const facilitates = await isFacilitator(tx, auth.organisationId, activityId, auth.personId);
    const manage = facilitates || can(auth.roles, 'activities.manage', placeId);
    const read = manage || can(auth.roles, 'activities.read', placeId);
    return { read, manage };
  }

  async function loadOccurrence(tx: Tx, auth: Auth, id: string, opts: { lock?: boolean; manage?: boolean } = {}) {
    const occ = await repo.occurrence(tx, auth.organisationId, id, opts.lock);
    if (!occ) throw errors.notFound('Activity');
    const a = await access(tx, auth, occ.activityId, occ.placeId);
    if (!a.read) throw errors.notFound('Activity');
    if (opts.manage && !a.manage) throw errors.forbidden('Only the organisers and facilitators of this activity may do this.');
    return { occ, access: a };
  }

  /** Fills free places from the waiting list, first come first served; returns mails for those promoted. */
  async function promote(tx: Tx, organisationId: string, occ: OccRow, actorAccountId: string | null): Promise<MailMessage[]> {
    const mails: MailMessage[] = [];
    let free = occ.capacity == null ? Number.POSITIVE_INFINITY : occ.capacity - (await repo.takenCount(tx, organisationId, occ.id));
    if (free <= 0) return mails;
    const waiting = await tx
      .select({ registration: registrations, email: people.email, givenName: people.givenName, locale: people.preferredLanguage })
      .from(registrations)
      .leftJoin(people, and(eq(people.organisationId, registrations.organisationId), eq(people.id, registrations.personId)))
      .where(and(eq(registrations.organisationId, organisationId), eq(registrations.occurrenceId, occ.id), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.queuedAt), asc(registrations.id));
    for (const w of waiting) {
      if (free <= 0) break;
      await tx
        .update(registrations)
        .set({ status: 'registered', updatedAt: new Date() })
        .where(and(eq(registrations.organisationId, organisationId), eq(registrations.id, w.registration.id)));
      await recordAudit(tx, organisationId, actorAccountId, {
        action: 'promote',
        entityType: 'registration',
        entityId: w.registration.id,
        changes: { status: ['waitlisted', 'registered'] },
      });
      free--;
      const to = w.registration.personId ? w.email : w.registration.guestEmail;
      const locale = mailLocale(w.locale, w.registration);
      if (to) {
        mails.push({
          to,
          subject: t(locale, 'activities.mail.promoted.subject', { title: occ.title }),
          text: t(locale, 'activities.mail.promoted.body', {
            name: w.givenName ?? w.registration.guestName ?? '',
            title: occ.title,
            when: whenText(locale, occ.startsAt, occ.endsAt),
          }),
        });
      }
    }
    return mails;
  }

  /** Everyone signed up for a coming occurrence of a cancelled activity hears it, each in their own language. */
  async function cancelledMails(tx: Tx, organisationId: string, activityId: string, title: string) {
    const rows = await tx
      .select({
        registration: registrations,
        startsAt: occurrences.startsAt,
        endsAt: occurrences.endsAt,
        givenName: people.givenName,
        email: people.email,
        locale: people.preferredLanguage,
      })
      .from(registrations)
      .innerJoin(occurrences, and(eq(occurrences.organisationId, registrations.organisationId), eq(occurrences.id, registrations.occurrenceId)))
      .leftJoin(people, and(eq(people.organisationId, registrations.organisationId), eq(people.id, registrations.personId)))
      .where(
        and(
          eq(registrations.organisationId, organisationId),
          eq(occurrences.activityId, activityId),
          eq(occurrences.status, 'scheduled'),
          gte(occurrences.startsAt, new Date()),
          inArray(registrations.status, ['registered', 'waitlisted']),
        ),
      );
    const mails: MailMessage[] = [];
    for (const r of rows) {
      const to = r.registration.personId ? r.email : r.registration.guestEmail;
      if (!to) continue;
      const locale = mailLocale(r.locale, r.registration);
      mails.push({
        to,
        subject: t(locale, 'activities.mail.cancelled.subject', { title }),
        text: t(locale, 'activities.mail.cancelled.body', {
          name: r.givenName ?? r.registration.guestName ?? '',
          title,
          when: whenText(locale, r.startsAt, r.endsAt),
        }),
      });
    }
    return mails;
  }

  function materialise(organisationId: string, activityId: string, placeId: string, schedule: Schedule, list0?: ReturnType<typeof expand>) {
    let list: ReturnType<typeof expand>;
    try {
      list = list0 ?? expand(schedule);
    } catch (e) {
      return scheduleFail(e);
    }
    return list.map((o) => ({
      organisationId,
      activityId,
      placeId,
      seriesDate: o.seriesDate,
      startsAt: o.startsAt,
      endsAt: o.endsAt,
      status: o.cancelled ? ('cancelled' as const) : ('scheduled' as const),
      changed: o.changed,
    }));
  }

  /** Each part of a programme within the activity's hours, ending after it starts. */
  function checkProgramme(programme: { start: string; end?: string | null }[], schedule: { startTime: string; endTime: string }) {
    const problems = programmeProblems(programme, schedule.startTime, schedule.endTime);
    if (!problems.length) return;
    throw errors.badRequest(
      problems.some((p) => p[2] === 'programme_outside_activity') ? 'programme_outside_activity' : 'end_before_start',
      "A part of the programme falls outside the activity's hours or ends before it starts.",
      { errors: problems.map(([i, field, code]) => ({ field: `body.programme.${i}.${field}`, message: code, issue: code })) },
    );
  }

  async function checkCapacity(capacity: number | null | undefined) {
    if (capacity != null && capacity < 1) throw errors.badRequest('capacity_invalid', 'The number of places is at least 1, or empty for no limit.');
  }

  async function checkPeople(tx: Tx, organisationId: string, ids: string[]) {
    if (!ids.length) return;
    const found = await tx
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.organisationId, organisationId), inArray(people.id, ids), isNull(people.archivedAt)));
    if (found.length !== new Set(ids).size) throw errors.badRequest('unknown_person', 'A facilitator does not exist.');
  }

  const service = {
    async types(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) =>
        (await repo.types(tx, auth.organisationId)).map((r) => ({ id: r.id, key: r.key, name: r.name })),
      );
    },

    /** The places whose calendar this person may read. */
    async places(auth: Auth) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await tx
          .select({ id: places.id, name: places.name })
          .from(places)
          .where(eq(places.organisationId, auth.organisationId))
          .orderBy(asc(places.name));
        return rows.filter((p) => can(auth.roles, 'activities.read', p.id));
      });
    },

    async createType(auth: Auth, name: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const existing = await repo.types(tx, auth.organisationId);
        if (existing.some((r) => r.name.toLowerCase() === name.toLowerCase())) throw errors.conflict('type_exists', 'A type with this name already exists.');
        const [row] = await tx.insert(activityTypes).values({ organisationId: auth.organisationId, name }).returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'create', entityType: 'activity_type', entityId: row.id, changes: { name } });
        return { id: row.id, key: row.key, name: row.name };
      });
    },

    async create(auth: Auth, input: z.output<typeof activityInput>) {
      if (!can(auth.roles, 'activities.manage', input.placeId)) throw errors.forbidden('You may not organise activities at this place.');
      await checkCapacity(input.capacity);
      const schedule: Schedule = { ...input.schedule, recurrence: input.schedule.recurrence ?? null };
      checkProgramme(input.programme, schedule);
      const id = await withOrganisation(db, auth.organisationId, async (tx) => {
        const types = await repo.types(tx, auth.organisationId);
        if (!types.some((ty) => ty.id === input.typeId)) throw errors.badRequest('unknown_type', 'This activity type does not exist.');
        if (!(await repo.placeName(tx, auth.organisationId, input.placeId))) throw errors.badRequest('unknown_place', 'This place does not exist.');
        await checkPeople(tx, auth.organisationId, input.facilitatorIds);
        const [row] = await tx
          .insert(activities)
          .values({
            organisationId: auth.organisationId,
            typeId: input.typeId,
            placeId: input.placeId,
            title: input.title,
            description: input.description ?? null,
            address: input.address ?? null,
            capacity: input.capacity ?? null,
            schedule,
            publicSlug: input.isPublic ? slugify(input.title) : null,
            programme: input.programme,
            createdBy: auth.personId,
          })
          .returning();
        const occ = materialise(auth.organisationId, row.id, input.placeId, schedule);
        if (!occ.length) throw errors.badRequest('no_occurrences', 'This schedule has no dates (all left out).');
        for (let i = 0; i < occ.length; i += 500) await tx.insert(occurrences).values(occ.slice(i, i + 500));
        const facilitatorIds = [...new Set(input.facilitatorIds)];
        if (facilitatorIds.length)
          await tx
            .insert(activityFacilitators)
            .values(facilitatorIds.map((personId) => ({ organisationId: auth.organisationId, activityId: row.id, personId })));
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'activity',
          entityId: row.id,
          changes: { ...input, occurrences: occ.length },
        });
        return row.id;
      });
      return service.get(auth, id);
    },

    async get(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.activity(tx, auth.organisationId, id);
        if (!row) throw errors.notFound('Activity');
        const a = await access(tx, auth, id, row.activity.placeId);
        if (!a.read) throw errors.notFound('Activity');
        const [facilitators, occ] = await Promise.all([repo.facilitators(tx, auth.organisationId, [id]), repo.occurrencesOf(tx, auth.organisationId, id)]);
        return {
          id,
          title: row.activity.title,
          description: row.activity.description,
          type: { id: row.type.id, key: row.type.key, name: row.type.name },
          placeId: row.activity.placeId,
          placeName: row.placeName,
          address: row.activity.address,
          capacity: row.activity.capacity,
          status: row.activity.status,
          schedule: presentSchedule(row.activity.schedule as Schedule),
          facilitators: facilitators.map(({ id: pid, givenName, familyName }) => ({ id: pid, givenName, familyName })),
          publicSlug: row.activity.publicSlug,
          programme: row.activity.programme as z.output<typeof activityInput>['programme'],
          occurrences: occ.map(presentOccurrence),
          can: { manage: a.manage },
        };
      });
    },

    async update(auth: Auth, id: string, patch: z.output<typeof activityPatch>) {
      await checkCapacity(patch.capacity);
      const mails = await withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.activity(tx, auth.organisationId, id);
        if (!row) throw errors.notFound('Activity');
        const a = await access(tx, auth, id, row.activity.placeId);
        if (!a.read) throw errors.notFound('Activity');
        if (!a.manage) throw errors.forbidden();
        const { facilitatorIds, ...fields } = patch;
        if (fields.programme) checkProgramme(fields.programme, row.activity.schedule as Schedule);
        if (fields.placeId && fields.placeId !== row.activity.placeId) {
          // Another place organises it: the organiser must be allowed there too, and its calendar shows it.
          if (!can(auth.roles, 'activities.manage', fields.placeId)) throw errors.forbidden('You may not organise activities at this place.');
          if (!(await repo.placeName(tx, auth.organisationId, fields.placeId))) throw errors.badRequest('unknown_place', 'This place does not exist.');
          await tx
            .update(occurrences)
            .set({ placeId: fields.placeId, updatedAt: new Date() })
            .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.activityId, id)));
        }
        const changes: Record<string, unknown> = diff(row.activity as unknown as Record<string, unknown>, fields);
        if (facilitatorIds) {
          await checkPeople(tx, auth.organisationId, facilitatorIds);
          await tx
            .delete(activityFacilitators)
            .where(and(eq(activityFacilitators.organisationId, auth.organisationId), eq(activityFacilitators.activityId, id)));
          const unique = [...new Set(facilitatorIds)];
          if (unique.length)
            await tx.insert(activityFacilitators).values(unique.map((personId) => ({ organisationId: auth.organisationId, activityId: id, personId })));
          changes.facilitatorIds = unique;
        }
        if (Object.keys(changes).length === 0) return [];
        await tx
          .update(activities)
          .set({ ...fields, updatedAt: new Date() })
          .where(and(eq(activities.organisationId, auth.organisationId), eq(activities.id, id)));
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'activity', entityId: id, changes });
        const out: MailMessage[] = [];
        if (fields.status === 'cancelled' && row.activity.status !== 'cancelled')
          out.push(...(await cancelledMails(tx, auth.organisationId, id, row.activity.title)));
        // More places (or no limit any more): the waiting lists of coming occurrences move up.
        if ('capacity' in changes && fields.status !== 'cancelled') {
          const coming = await tx
            .select({ id: occurrences.id })
            .from(occurrences)
            .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.activityId, id), gte(occurrences.startsAt, new Date())));
          for (const o of coming) {
            const occ = await repo.occurrence(tx, auth.organisationId, o.id, true);
            if (occ) out.push(...(await promote(tx, auth.organisationId, occ, auth.accountId)));
          }
        }
        return out;
      });
      await sendAll(mails);
      return service.get(auth, id);
    },

    /**
     * A new rule for a series from `schedule.startDate` on (another weekday or time, or an earlier
     * end). What already started, and every occurrence before that date, stays as it was, with its
     * sign-ups and ticks. From that date on:
     *  - an occurrence whose day is in the new rule stays (same row, same sign-ups) at the new hours,
     *    and whoever is signed up is told the new time; one changed by hand keeps its own change;
     *  - an occurrence whose day is not in the new rule no longer happens: its sign-ups are cancelled
     *    and each person is told, in their language. With sign-ups (of any state) it stays, cancelled,
     *    so nothing is lost; without, it is removed;
     *  - a day of the new rule without an occurrence gets one.
     * A sign-up is never moved to another day: not everyone who can come on Tuesday can on Wednesday.
     * With `preview`, nothing changes and the counts say what would happen.
     */
    async changeSchedule(auth: Auth, id: string, input: z.output<typeof scheduleChange>) {
      const schedule: Schedule = { ...input.schedule, recurrence: input.schedule.recurrence ?? null };
      const today = utcToLocal(new Date()).date;
      if (schedule.startDate < today) throw errors.badRequest('change_in_past', 'A new schedule starts today or later; what happened stays as it was.');
      // Ending a series before the new rule would start: nothing from that date on.
      const ends = !!schedule.recurrence?.until && schedule.recurrence.until < schedule.startDate;
      let dates: string[];
      try {
        dates = ends ? [] : seriesDates(schedule);
        if (!ends) expand(schedule);
      } catch (e) {
        return scheduleFail(e);
      }
      const { result, mails } = await withOrganisation(db, auth.organisationId, async (tx) => {
        const row = await repo.activity(tx, auth.organisationId, id, true);
        if (!row) throw errors.notFound('Activity');
        const a = await access(tx, auth, id, row.activity.placeId);
        if (!a.read) throw errors.notFound('Activity');
        if (!a.manage) throw errors.forbidden();
        if (row.activity.status === 'cancelled') throw errors.conflict('activity_cancelled', 'This activity does not take place.');
        checkProgramme(row.activity.programme as { start: string; end?: string | null }[], schedule);
        const now = new Date();
        const all = await tx
          .select()
          .from(occurrences)
          .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.activityId, id)))
          .orderBy(asc(occurrences.seriesDate));
        const bySeriesDate = new Map(all.map((o) => [o.seriesDate, o]));
        const affected = all.filter((o) => o.seriesDate >= schedule.startDate && o.startsAt > now);
        const wanted = new Set(dates);
        const counts = { added: 0, moved: 0, removed: 0, registrationsMoved: 0, registrationsCancelled: 0 };
        const mails: MailMessage[] = [];
        const mailTo = async (occurrenceId: string, kind: 'moved' | 'dropped', startsAt: Date, endsAt: Date, tell = true) => {
          const regs = (await repo.registrationsOf(tx, auth.organisationId, occurrenceId)).filter((r) =>
            ['registered', 'waitlisted'].includes(r.registration.status),
          );
          for (const r of regs) {
            const to = r.registration.personId ? r.personEmail : r.registration.guestEmail;
            if (!to || !tell) continue;
            const locale = mailLocale(r.locale, r.registration);
            const vars = { name: r.givenName ?? r.registration.guestName ?? '', title: row.activity.title, when: whenText(locale, startsAt, endsAt) };
            mails.push({
              to,
              subject: t(locale, `activities.mail.${kind === 'moved' ? 'newTime' : 'dropped'}.subject`, vars),
              text: t(locale, `activities.mail.${kind === 'moved' ? 'newTime' : 'dropped'}.body`, vars),
            });
          }
          return regs;
        };
        for (const o of affected) {
          if (wanted.has(o.seriesDate)) {
            // Changed by hand (moved or cancelled on its own): that change stands.
            if (o.changed) continue;
            const startsAt = localToUtc(o.seriesDate, schedule.startTime);
            const endsAt = localToUtc(o.seriesDate, schedule.endTime);
            // Not into the past: today's occurrence that would now have started keeps its hours.
            if (startsAt <= now) continue;
            if (startsAt.getTime() === o.startsAt.getTime() && endsAt.getTime() === o.endsAt.getTime() && o.status === 'scheduled') continue;
            counts.moved++;
            if (!input.preview) {
              await tx
                .update(occurrences)
                .set({ startsAt, endsAt, status: 'scheduled', updatedAt: now })
                .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.id, o.id)));
              await recordAudit(tx, auth.organisationId, auth.accountId, {
                action: 'reschedule',
                entityType: 'occurrence',
                entityId: o.id,
                changes: { startsAt: [o.startsAt.toISOString(), startsAt.toISOString()], endsAt: [o.endsAt.toISOString(), endsAt.toISOString()] },
              });
            }
            const kept = o.status === 'scheduled' ? await mailTo(o.id, 'moved', startsAt, endsAt) : [];
            counts.registrationsMoved += kept.length;
            continue;
          }
          if (o.status === 'cancelled' && !o.changed) continue; // already dropped by an earlier change
          counts.removed++;
          // Who was told when it was cancelled by hand is not told again.
          const active = await mailTo(o.id, 'dropped', o.startsAt, o.endsAt, o.status === 'scheduled');
          counts.registrationsCancelled += active.length;
          if (input.preview) continue;
          for (const r of active) {
            await tx
              .update(registrations)
              .set({ status: 'cancelled', updatedAt: now })
              .where(and(eq(registrations.organisationId, auth.organisationId), eq(registrations.id, r.registration.id)));
            await recordAudit(tx, auth.organisationId, auth.accountId, {
              action: 'cancel',
              entityType: 'registration',
              entityId: r.registration.id,
              changes: { status: [r.registration.status, 'cancelled'], reason: 'schedule_changed' },
            });
          }
          const [anyRegistration] = await tx
            .select({ id: registrations.id })
            .from(registrations)
            .where(and(eq(registrations.organisationId, auth.organisationId), eq(registrations.occurrenceId, o.id)))
            .limit(1);
          if (anyRegistration) {
            await tx
              .update(occurrences)
              .set({ status: 'cancelled', changed: false, updatedAt: now })
              .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.id, o.id)));
          } else {
            await tx.delete(occurrences).where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.id, o.id)));
          }
          await recordAudit(tx, auth.organisationId, auth.accountId, {
            action: anyRegistration ? 'cancel' : 'delete',
            entityType: 'occurrence',
            entityId: o.id,
            changes: { seriesDate: o.seriesDate, reason: 'schedule_changed' },
          });
        }
        const fresh = materialise(auth.organisationId, id, row.activity.placeId, schedule, ends ? [] : undefined).filter(
          (o) => !bySeriesDate.has(o.seriesDate) && o.startsAt > now,
        );
        counts.added = fresh.length;
        if (!input.preview) {
          for (let i = 0; i < fresh.length; i += 500) await tx.insert(occurrences).values(fresh.slice(i, i + 500));
          await tx
            .update(activities)
            .set({ schedule, updatedAt: now })
            .where(and(eq(activities.organisationId, auth.organisationId), eq(activities.id, id)));
          await recordAudit(tx, auth.organisationId, auth.accountId, {
            action: 'reschedule',
            entityType: 'activity',
            entityId: id,
            changes: { schedule: [row.activity.schedule, schedule], ...counts },
          });
        }
        return { result: { applied: !input.preview, ...counts }, mails: input.preview ? [] : mails };
      });
      await sendAll(mails);
      return result;
    },

    async calendar(auth: Auth, q: z.output<typeof calendarQuery>) {
      const from = q.from.length === 10 ? localToUtc(q.from, '00:00') : new Date(q.from);
      const to = q.to.length === 10 ? localToUtc(q.to, '00:00') : new Date(q.to);
      if (to <= from) throw errors.badRequest('range_invalid', '`to` must be after `from`.');
      if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * 86_400_000)
        throw errors.badRequest('range_too_long', `At most ${MAX_CALENDAR_DAYS} days at once.`);
      if (!can(auth.roles, 'activities.read', q.placeId)) throw errors.notFound('Place');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await repo.calendar(tx, auth.organisationId, q.placeId, from, to);
        return { from: from.toISOString(), to: to.toISOString(), items: rows.map(presentOccurrence) };
      });
    },

    async occurrence(auth: Auth, id: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ, access: a } = await loadOccurrence(tx, auth, id);
        const [facilitators, mine, [fb]] = await Promise.all([
          repo.facilitators(tx, auth.organisationId, [occ.activityId]),
          repo.personRegistration(tx, auth.organisationId, id, auth.personId),
          tx
            .select()
            .from(activityFeedback)
            .where(
              and(
                eq(activityFeedback.organisationId, auth.organisationId),
                eq(activityFeedback.occurrenceId, id),
                eq(activityFeedback.personId, auth.personId),
              ),
            ),
        ]);
        const open = occ.status === 'scheduled' && occ.activityStatus === 'active' && occ.startsAt > new Date();
        return {
          ...presentOccurrence(occ),
          description: occ.description,
          placeName: occ.placeName,
          notes: a.manage ? occ.notes : null,
          facilitators: facilitators.map(({ id: pid, givenName, familyName }) => ({ id: pid, givenName, familyName })),
          myRegistration: mine ? presentRegistration(mine) : null,
          myFeedback: fb ? { score: fb.score, word: fb.word } : null,
          can: { manage: a.manage, register: open && (!mine || mine.status === 'cancelled') },
        };
      });
    },

    async updateOccurrence(auth: Auth, id: string, patch: z.output<typeof occurrencePatch>) {
      const mails = await withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ } = await loadOccurrence(tx, auth, id, { lock: true, manage: true });
        const local = utcToLocal(occ.startsAt);
        const set: Partial<typeof occurrences.$inferInsert> = { updatedAt: new Date() };
        const changes: Record<string, unknown> = {};
        if (patch.date || patch.startTime || patch.endTime) {
          const date = patch.date ?? local.date;
          const startsAt = localToUtc(date, patch.startTime ?? local.time);
          const endsAt = localToUtc(date, patch.endTime ?? utcToLocal(occ.endsAt).time);
          if (endsAt <= startsAt) throw errors.badRequest('end_before_start', 'The end time must be after the start time.');
          Object.assign(set, { startsAt, endsAt, changed: true });
          changes.startsAt = [occ.startsAt.toISOString(), startsAt.toISOString()];
          changes.endsAt = [occ.endsAt.toISOString(), endsAt.toISOString()];
        }
        const out: MailMessage[] = [];
        if (patch.status && patch.status !== occ.status) {
          Object.assign(set, { status: patch.status, changed: true });
          changes.status = [occ.status, patch.status];
          if (patch.status === 'cancelled') {
            // Everyone signed up hears that it will not take place.
            const regs = await repo.registrationsOf(tx, auth.organisationId, id);
            for (const r of regs) {
              if (!['registered', 'waitlisted'].includes(r.registration.status)) continue;
              const to = r.registration.personId ? r.personEmail : r.registration.guestEmail;
              if (!to) continue;
              const locale = mailLocale(r.locale, r.registration);
              out.push({
                to,
                subject: t(locale, 'activities.mail.cancelled.subject', { title: occ.title }),
                text: t(locale, 'activities.mail.cancelled.body', {
                  name: r.givenName ?? r.registration.guestName ?? '',
                  title: occ.title,
                  when: whenText(locale, occ.startsAt, occ.endsAt),
                }),
              });
            }
          }
        }
        if (patch.notes !== undefined && patch.notes !== occ.notes) {
          set.notes = patch.notes;
          changes.notes = [occ.notes, patch.notes];
        }
        if (Object.keys(changes).length) {
          await tx
            .update(occurrences)
            .set(set)
            .where(and(eq(occurrences.organisationId, auth.organisationId), eq(occurrences.id, id)));
          await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'update', entityType: 'occurrence', entityId: id, changes });
        }
        return out;
      });
      await sendAll(mails);
      return service.occurrence(auth, id);
    },

    async register(auth: Auth, occurrenceId: string, personId?: string) {
      const target = personId ?? auth.personId;
      const result = await withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ, access: a } = await loadOccurrence(tx, auth, occurrenceId, { lock: true });
        const bySelf = target === auth.personId;
        if (!bySelf && !a.manage) throw errors.forbidden('You may only sign yourself up.');
        if (occ.status === 'cancelled' || occ.activityStatus === 'cancelled') throw errors.conflict('activity_cancelled', 'This activity does not take place.');
        const now = new Date();
        if ((bySelf ? occ.startsAt : occ.endsAt) <= now) throw errors.conflict('activity_past', 'This activity has already taken place.');
        const person = await repo.person(tx, auth.organisationId, target);
        if (!person) throw errors.badRequest('unknown_person', 'This person does not exist.');
        const existing = await repo.personRegistration(tx, auth.organisationId, occurrenceId, target);
        if (existing && existing.status !== 'cancelled') {
          throw errors.conflict('already_registered', 'Already signed up for this activity.', {
            registrationId: existing.id,
            registrationStatus: existing.status,
          });
        }
        const full = occ.capacity != null && (await repo.takenCount(tx, auth.organisationId, occurrenceId)) >= occ.capacity;
        const status = full ? ('waitlisted' as const) : ('registered' as const);
        const source = bySelf ? ('self' as const) : ('staff' as const);
        let row: RegRow;
        if (existing) {
          [row] = await tx
            .update(registrations)
            .set({ status, source, queuedAt: now, remindedAt: null, updatedAt: now })
            .where(and(eq(registrations.organisationId, auth.organisationId), eq(registrations.id, existing.id)))
            .returning();
        } else {
          [row] = await tx
            .insert(registrations)
            .values({ organisationId: auth.organisationId, occurrenceId, personId: target, status, source, queuedAt: now })
            .returning();
        }
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'registration',
          entityId: row.id,
          changes: { occurrenceId, personId: target, status, source },
        });
        return presentRegistration(row, { givenName: person.givenName, familyName: person.familyName, personEmail: person.email });
      });
      return result;
    },

    async cancelRegistration(auth: Auth, registrationId: string) {
      const { registration, mails } = await withOrganisation(db, auth.organisationId, async (tx) => {
        const reg = await repo.registration(tx, auth.organisationId, registrationId);
        if (!reg) throw errors.notFound('Registration');
        const { occ, access: a } = await loadOccurrence(tx, auth, reg.occurrenceId, { lock: true });
        if (reg.personId !== auth.personId && !a.manage) throw errors.notFound('Registration');
        if (reg.status === 'cancelled') return { registration: presentRegistration(reg), mails: [] };
        if (reg.status === 'attended' || reg.status === 'absent' || occ.endsAt <= new Date())
          throw errors.conflict('activity_past', 'This activity has already taken place.');
        const [row] = await tx
          .update(registrations)
          .set({ status: 'cancelled', updatedAt: new Date() })
          .where(and(eq(registrations.organisationId, auth.organisationId), eq(registrations.id, registrationId)))
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'cancel',
          entityType: 'registration',
          entityId: registrationId,
          changes: { status: [reg.status, 'cancelled'] },
        });
        const out = reg.status === 'registered' && occ.status === 'scheduled' ? await promote(tx, auth.organisationId, occ, auth.accountId) : [];
        return { registration: presentRegistration(row), mails: out };
      });
      await sendAll(mails);
      return registration;
    },

    async registrations(auth: Auth, occurrenceId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await loadOccurrence(tx, auth, occurrenceId, { manage: true });
        const rows = await repo.registrationsOf(tx, auth.organisationId, occurrenceId);
        return { items: rows.map((r) => presentRegistration(r.registration, r)) };
      });
    },

    async registrationsCsv(auth: Auth, occurrenceId: string) {
      const { items } = await service.registrations(auth, occurrenceId);
      const header = ['name', 'organisation', 'email', 'status', 'source', 'signed_up_at'];
      const lines = items.map((r) => [r.name, r.organisation, r.email, r.status, r.source, r.queuedAt].map(csvCell).join(','));
      return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
    },

    /**
     * Walk-ins at the door: participants of the activity's place found by name. Only names, and
     * only for who may tick attendance here, so facilitators need no general access to people.
     */
    async walkInCandidates(auth: Auth, occurrenceId: string, text: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ } = await loadOccurrence(tx, auth, occurrenceId, { manage: true });
        return participantsByName(tx, auth.organisationId, occ.placeId, text, 8);
      });
    },

    async attendance(auth: Auth, occurrenceId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await loadOccurrence(tx, auth, occurrenceId, { manage: true });
        return attendanceRows(tx, auth.organisationId, occurrenceId);
      });
    },

    /**
     * Ticks from the door, possibly replayed after the phone was offline. Each tick has the id and
     * time the phone gave it: a tick already received is ignored, and per person the latest tick
     * (by the phone's time) decides. Someone ticked present without a sign-up gets one.
     */
    async syncAttendance(auth: Auth, occurrenceId: string, input: z.output<typeof attendanceSync>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ } = await loadOccurrence(tx, auth, occurrenceId, { lock: true, manage: true });
        if (occ.startsAt.getTime() - Date.now() > 24 * 3_600_000)
          throw errors.conflict('attendance_too_early', 'Attendance can be ticked from the day before.');
        const personIds = [...new Set(input.marks.map((m) => m.personId))];
        const known = new Set(
          (
            await tx
              .select({ id: people.id })
              .from(people)
              .where(and(eq(people.organisationId, auth.organisationId), inArray(people.id, personIds)))
          ).map((p) => p.id),
        );
        const valid = input.marks.filter((m) => known.has(m.personId));
        const rejected = input.marks.filter((m) => !known.has(m.personId)).map((m) => m.id);
        const inserted = valid.length
          ? await tx
              .insert(attendanceMarks)
              .values(
                valid.map((m) => ({
                  organisationId: auth.organisationId,
                  id: m.id,
                  occurrenceId,
                  personId: m.personId,
                  present: m.present,
                  markedAt: new Date(m.markedAt),
                  markedBy: auth.personId,
                })),
              )
              .onConflictDoNothing()
              .returning({ id: attendanceMarks.id })
          : [];
        const touched = [...new Set(valid.map((m) => m.personId))];
        // The latest tick per person decides, whatever order the ticks arrived in.
        const latest = touched.length
          ? await tx
              .selectDistinctOn([attendanceMarks.personId], {
                personId: attendanceMarks.personId,
                present: attendanceMarks.present,
                markedAt: attendanceMarks.markedAt,
              })
              .from(attendanceMarks)
              .where(
                and(
                  eq(attendanceMarks.organisationId, auth.organisationId),
                  eq(attendanceMarks.occurrenceId, occurrenceId),
                  inArray(attendanceMarks.personId, touched),
                ),
              )
              .orderBy(attendanceMarks.personId, sql`${attendanceMarks.markedAt} desc`, sql`${attendanceMarks.id} desc`)
          : [];
        for (const l of latest) {
          const reg = await repo.personRegistration(tx, auth.organisationId, occurrenceId, l.personId);
          const status = l.present ? ('attended' as const) : ('absent' as const);
          if (!reg) {
            if (l.present) {
              await tx
                .insert(registrations)
                .values({ organisationId: auth.organisationId, occurrenceId, personId: l.personId, status, source: 'door', attendanceMarkedAt: l.markedAt });
            }
          } else if (reg.status !== status || reg.attendanceMarkedAt?.getTime() !== l.markedAt.getTime()) {
            // Absent only for who was expected; someone who cancelled and is ticked "not here" stays cancelled.
            const next = !l.present && (reg.status === 'cancelled' || reg.status === 'waitlisted') ? reg.status : status;
            await tx
              .update(registrations)
              .set({ status: next, attendanceMarkedAt: l.markedAt, updatedAt: new Date() })
              .where(and(eq(registrations.organisationId, auth.organisationId), eq(registrations.id, reg.id)));
          }
        }
        if (inserted.length) {
          await recordAudit(tx, auth.organisationId, auth.accountId, {
            action: 'attendance',
            entityType: 'occurrence',
            entityId: occurrenceId,
            changes: { marks: inserted.length },
          });
        }
        return {
          accepted: inserted.length,
          duplicates: valid.length - inserted.length,
          rejected,
          items: await attendanceRows(tx, auth.organisationId, occurrenceId),
        };
      });
    },

    async giveFeedback(auth: Auth, occurrenceId: string, input: z.output<typeof feedbackInput>) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const { occ } = await loadOccurrence(tx, auth, occurrenceId);
        const reg = await repo.personRegistration(tx, auth.organisationId, occurrenceId, auth.personId);
        if (!reg || !['registered', 'attended'].includes(reg.status)) throw errors.conflict('feedback_not_open', 'Only who took part can give feedback.');
        if (occ.startsAt > new Date()) throw errors.conflict('feedback_not_open', 'Feedback opens when the activity has started.');
        const values = { score: input.score, word: input.word || null };
        await tx
          .insert(activityFeedback)
          .values({ organisationId: auth.organisationId, occurrenceId, personId: auth.personId, ...values })
          .onConflictDoUpdate({
            target: [activityFeedback.organisationId, activityFeedback.occurrenceId, activityFeedback.personId],
            set: { ...values, updatedAt: new Date() },
          });
        await recordAudit(tx, auth.organisationId, auth.accountId, { action: 'feedback', entityType: 'occurrence', entityId: occurrenceId, changes: values });
        return values;
      });
    },

    async feedback(auth: Auth, occurrenceId: string) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        await loadOccurrence(tx, auth, occurrenceId, { manage: true });
        const rows = await tx
          .select({ score: activityFeedback.score, word: activityFeedback.word })
          .from(activityFeedback)
          .where(and(eq(activityFeedback.organisationId, auth.organisationId), eq(activityFeedback.occurrenceId, occurrenceId)));
        const scores = [1, 2, 3, 4, 5].map((s) => rows.filter((r) => r.score === s).length);
        return {
          count: rows.length,
          average: rows.length ? Math.round((rows.reduce((a, r) => a + r.score, 0) / rows.length) * 10) / 10 : null,
          scores,
          words: rows.map((r) => r.word).filter((w): w is string => !!w),
        };
      });
    },

    /** How often people came, per person and activity type: for pathways and reports. */
    async attendanceCounts(auth: Auth, q: z.output<typeof attendanceCountsQuery>) {
      const allowed = placesWith(auth.roles, 'activities.report');
      if (q.placeId && allowed !== 'all' && !allowed.includes(q.placeId)) throw errors.notFound('Place');
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const rows = await tx
          .select({
            personId: registrations.personId,
            typeId: activityTypes.id,
            typeKey: activityTypes.key,
            typeName: activityTypes.name,
            attended: sql<number>`count(*)`.mapWith(Number),
          })
          .from(registrations)
          .innerJoin(occurrences, and(eq(occurrences.organisationId, registrations.organisationId), eq(occurrences.id, registrations.occurrenceId)))
          .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
          .innerJoin(activityTypes, and(eq(activityTypes.organisationId, activities.organisationId), eq(activityTypes.id, activities.typeId)))
          .where(
            and(
              eq(registrations.organisationId, auth.organisationId),
              eq(registrations.status, 'attended'),
              q.personId ? eq(registrations.personId, q.personId) : sql`${registrations.personId} is not null`,
              q.placeId ? eq(occurrences.placeId, q.placeId) : undefined,
              q.activityId ? eq(occurrences.activityId, q.activityId) : undefined,
              allowed === 'all' ? undefined : allowed.length ? inArray(occurrences.placeId, allowed) : sql`false`,
              q.from ? gte(occurrences.startsAt, localToUtc(q.from, '00:00')) : undefined,
              q.to ? lt(occurrences.startsAt, new Date(localToUtc(q.to, '00:00').getTime() + 86_400_000)) : undefined,
            ),
          )
          .groupBy(registrations.personId, activityTypes.id, activityTypes.key, activityTypes.name)
          .orderBy(registrations.personId, activityTypes.name);
        return { items: rows.map((r) => ({ ...r, personId: r.personId as string })) };
      });
    },

    async createFeed(auth: Auth, placeId?: string) {
      if (placeId && !can(auth.roles, 'activities.read', placeId)) throw errors.notFound('Place');
      const token = randomBytes(24).toString('base64url');
      await withOrganisation(db, auth.organisationId, async (tx) => {
        if (placeId && !(await repo.placeName(tx, auth.organisationId, placeId))) throw errors.notFound('Place');
        const [row] = await tx
          .insert(calendarFeeds)
          .values({
            organisationId: auth.organisationId,
            placeId: placeId ?? null,
            personId: placeId ? null : auth.personId,
            tokenHash: hash(token),
            createdBy: auth.personId,
          })
          .returning();
        await recordAudit(tx, auth.organisationId, auth.accountId, {
          action: 'create',
          entityType: 'calendar_feed',
          entityId: row.id,
          changes: { placeId: placeId ?? null },
        });
      });
      return { url: `${config.publicUrl}/api/v1/calendar-feeds/${token}.ics` };
    },

    /** The iCalendar text of a feed; null for an unknown token. */
    async feed(token: string, now = new Date()) {
      const found = await repo.findFeed(db, hash(token));
      if (!found) return null;
      const from = new Date(now.getTime() - 60 * 86_400_000);
      const to = new Date(now.getTime() + 366 * 86_400_000);
      return withOrganisation(db, found.organisationId, async (tx) => {
        let name: string;
        let rows: (Omit<OccRow, 'placeName'> & { placeName?: string })[];
        if (found.placeId) {
          name = (await repo.placeName(tx, found.organisationId, found.placeId)) ?? 'Schakel';
          rows = await repo.calendar(tx, found.organisationId, found.placeId, from, to, 3000);
          rows = rows.map((r) => ({ ...r, placeName: name }));
        } else {
          const person = await repo.person(tx, found.organisationId, found.personId as string);
          name = person ? `Schakel – ${person.givenName}` : 'Schakel';
          rows = person ? await repo.personal(tx, found.organisationId, person.id, from, to) : [];
        }
        return icsCalendar(
          name,
          rows.map((r) => ({
            uid: `${r.id}@schakel`,
            startsAt: r.startsAt,
            endsAt: r.endsAt,
            title: r.title,
            description: r.description,
            location: r.address ?? r.placeName ?? null,
            cancelled: r.status === 'cancelled' || r.activityStatus === 'cancelled',
          })),
          now,
        );
      });
    },

    /** The public page of a network event. Found by its slug as the owner; everything else inside its organisation. */
    async publicEvent(slug: string) {
      const found = await repo.findPublicEvent(db, slug);
      if (!found) throw errors.notFound('Event');
      return withOrganisation(db, found.organisationId, async (tx) => {
        const row = await repo.activity(tx, found.organisationId, found.activityId);
        const occ = await nextOccurrence(tx, found.organisationId, found.activityId);
        if (!row || !occ) throw errors.notFound('Event');
        const full = occ.capacity != null && occ.registered >= occ.capacity;
        const status = occ.status === 'cancelled' || occ.activityStatus === 'cancelled' ? ('cancelled' as const) : ('scheduled' as const);
        return {
          event: {
            slug,
            title: row.activity.title,
            description: row.activity.description,
            organisationName: found.organisationName,
            placeName: row.placeName,
            address: row.activity.address,
            startsAt: occ.startsAt.toISOString(),
            endsAt: occ.endsAt.toISOString(),
            status,
            programme: row.activity.programme as z.output<typeof activityInput>['programme'],
            full,
            open: status === 'scheduled' && occ.startsAt > new Date(),
          },
          occ,
          organisationId: found.organisationId,
        };
      });
    },

    /**
     * An outsider signs up for a network event. A filled-in honeypot is accepted and dropped; the
     * same e-mail twice is the same registration (idempotent, `alreadyRegistered: true`).
     */
    async publicRegister(slug: string, input: z.output<typeof publicRegistrationInput>, ip: string, now = new Date()) {
      const { event, occ, organisationId } = await service.publicEvent(slug);
      const wait = await signupWait(organisationId, ip, now);
      if (wait) throw errors.tooManyRequests('too_many_requests', 'Too many sign-ups from this address; try again a little later.', wait);
      if (input.website) return { status: 'registered' as const, alreadyRegistered: false };
      const locale = input.locale ?? 'nl';
      if (event.status === 'cancelled') throw errors.conflict('activity_cancelled', 'This event does not take place.');
      if (!event.open) throw errors.conflict('registration_closed', 'Sign-up for this event is closed.');
      const { result, mails } = await withOrganisation(db, organisationId, async (tx) => {
        await repo.occurrence(tx, organisationId, occ.id, true);
        const existing = await repo.guestRegistration(tx, organisationId, occ.id, input.email);
        if (existing && existing.status !== 'cancelled') {
          return {
            result: { status: existing.status === 'waitlisted' ? ('waitlisted' as const) : ('registered' as const), alreadyRegistered: true },
            mails: [],
          };
        }
        const full = occ.capacity != null && (await repo.takenCount(tx, organisationId, occ.id)) >= occ.capacity;
        const status = full ? ('waitlisted' as const) : ('registered' as const);
        const values = {
          guestName: input.name,
          guestOrganisation: input.organisation ?? null,
          guestEmail: input.email,
          guestLocale: locale,
          status,
          queuedAt: new Date(),
          updatedAt: new Date(),
        };
        let id: string;
        if (existing) {
          await tx
            .update(registrations)
            .set(values)
            .where(and(eq(registrations.organisationId, organisationId), eq(registrations.id, existing.id)));
          id = existing.id;
        } else {
          [{ id }] = await tx
            .insert(registrations)
            .values({ organisationId, occurrenceId: occ.id, source: 'public', ...values })
            .returning({ id: registrations.id });
        }
        await recordAudit(tx, organisationId, null, {
          action: 'create',
          entityType: 'registration',
          entityId: id,
          changes: { occurrenceId: occ.id, source: 'public', status },
        });
        const where = [event.placeName, event.address].filter(Boolean).join(', ');
        return {
          result: { status, alreadyRegistered: false },
          mails: [
            {
              to: input.email,
              subject: t(locale, 'activities.mail.confirmation.subject', { title: event.title }),
              text: t(locale, 'activities.mail.confirmation.body', {
                name: input.name,
                title: event.title,
                when: whenText(locale, occ.startsAt, occ.endsAt),
                where,
                waitlisted: full ? 'yes' : 'no',
              }),
            },
          ],
        };
      });
      await sendAll(mails);
      return result;
    },

    /**
     * Reminds everyone signed up for what happens tomorrow (Brussels date), once per registration.
     * Runs as the system across organisations, like sign-in by token: it reads only what a mail needs.
     */
    async sendReminders(now = new Date()) {
      const today = utcToLocal(now).date;
      const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      const dayAfter = new Date(Date.parse(`${today}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
      const due = await db
        .select({
          organisationId: registrations.organisationId,
          id: registrations.id,
          guestName: registrations.guestName,
          guestEmail: registrations.guestEmail,
          guestLocale: registrations.guestLocale,
          givenName: people.givenName,
          email: people.email,
          locale: people.preferredLanguage,
          title: activities.title,
          address: activities.address,
          placeName: places.name,
          startsAt: occurrences.startsAt,
          endsAt: occurrences.endsAt,
        })
        .from(registrations)
        .innerJoin(occurrences, and(eq(occurrences.organisationId, registrations.organisationId), eq(occurrences.id, registrations.occurrenceId)))
        .innerJoin(activities, and(eq(activities.organisationId, occurrences.organisationId), eq(activities.id, occurrences.activityId)))
        .innerJoin(places, and(eq(places.organisationId, occurrences.organisationId), eq(places.id, occurrences.placeId)))
        .leftJoin(people, and(eq(people.organisationId, registrations.organisationId), eq(people.id, registrations.personId)))
        .where(
          and(
            eq(registrations.status, 'registered'),
            isNull(registrations.remindedAt),
            eq(occurrences.status, 'scheduled'),
            eq(activities.status, 'active'),
            gte(occurrences.startsAt, localToUtc(tomorrow, '00:00')),
            lt(occurrences.startsAt, localToUtc(dayAfter, '00:00')),
          ),
        )
        .limit(5000);
      let sent = 0;
      for (const r of due) {
        // Claim first: a second run (or a second process) finds it reminded and skips it.
        const claimed = await db
          .update(registrations)
          .set({ remindedAt: now })
          .where(and(eq(registrations.organisationId, r.organisationId), eq(registrations.id, r.id), isNull(registrations.remindedAt)))
          .returning({ id: registrations.id });
        const to = r.email ?? r.guestEmail;
        if (!claimed.length || !to) continue;
        const locale = mailLocale(r.locale, r);
        await sendAll([
          {
            to,
            subject: t(locale, 'activities.mail.reminder.subject', { title: r.title }),
            text: t(locale, 'activities.mail.reminder.body', {
              name: r.givenName ?? r.guestName ?? '',
              title: r.title,
              when: whenText(locale, r.startsAt, r.endsAt),
              where: [r.placeName, r.address].filter(Boolean).join(', '),
            }),
          },
        ]);
        sent++;
      }
      return sent;
    },
  };
  return service;
}

/** A stored schedule as the API gives it: a repeat always with its interval, weekdays and exceptions (older rows may lack them). */
function presentSchedule(s: Schedule) {
  const r = s.recurrence;
  return {
    startDate: s.startDate,
    startTime: s.startTime,
    endTime: s.endTime,
    recurrence: r
      ? { interval: r.interval ?? 1, weekdays: r.weekdays ?? [], until: r.until ?? null, count: r.count ?? null, exceptions: r.exceptions ?? [] }
      : null,
  };
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

async function nextOccurrence(tx: Tx, organisationId: string, activityId: string) {
  const list = await repo.occurrencesOf(tx, organisationId, activityId);
  const now = Date.now();
  return list.find((o) => o.endsAt.getTime() > now) ?? list[list.length - 1];
}

async function attendanceRows(tx: Tx, organisationId: string, occurrenceId: string) {
  const rows = await repo.registrationsOf(tx, organisationId, occurrenceId);
  return rows
    .filter((r) => r.registration.personId && (r.registration.status !== 'cancelled' || r.registration.attendanceMarkedAt))
    .map((r) => ({
      personId: r.registration.personId as string,
      givenName: r.givenName ?? '',
      familyName: r.familyName ?? '',
      registrationId: r.registration.id,
      status: r.registration.status,
      present: r.registration.status === 'attended' ? true : r.registration.status === 'absent' ? false : null,
      markedAt: r.registration.attendanceMarkedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => a.givenName.localeCompare(b.givenName) || a.familyName.localeCompare(b.familyName));
}

export type ActivitiesService = ReturnType<typeof activitiesService>;
