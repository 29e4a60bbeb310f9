import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activity,
  activityInput,
  activityPatch,
  activityType,
  activityTypeInput,
  attendanceCount,
  attendanceCountsQuery,
  attendanceRow,
  attendanceSync,
  calendarQuery,
  feedbackInput,
  feedbackSummary,
  feedInput,
  occurrenceDetail,
  occurrencePatch,
  occurrenceSummary,
  publicEvent,
  publicRegistrationInput,
  registration,
  registrationInput,
  scheduleChange,
  scheduleChangeResult,
} from '../../../shared/activities.ts';
import { requireAuth } from '../../http/auth.ts';
import { errors } from '../../http/errors.ts';
import { repeatWhileRunning } from '../../jobs.ts';
import type { Services } from '../../services.ts';

const params = z.object({ id: z.uuid() });
const tags = ['activities'];
const publicRegistrationResult = z.object({ status: z.enum(['registered', 'waitlisted']), alreadyRegistered: z.boolean() });

export const activitiesRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const s = services.activities;

    // Reminders for tomorrow: once shortly after start, then every hour. Each registration is reminded once.
    repeatWhileRunning(app, 'activity reminders', () => s.sendReminders(), { firstDelayMs: 60_000, everyMs: 3_600_000 });

    app.get(
      '/activity-types',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'The kinds of activity of the organisation', response: { 200: z.object({ items: z.array(activityType) }) } },
      },
      async (req) => ({ items: await s.types(requireAuth(req)) }),
    );

    app.get(
      '/activities/places',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: 'The places whose calendar you may see',
          response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) }) },
        },
      },
      async (req) => ({ items: await s.places(requireAuth(req)) }),
    );

    app.post(
      '/activity-types',
      {
        config: { access: 'organisation.manage' },
        schema: { tags, summary: 'Add a kind of activity', body: activityTypeInput, response: { 201: activityType } },
      },
      async (req, reply) => reply.status(201).send(await s.createType(requireAuth(req), req.body.name)),
    );

    app.post(
      '/activities',
      {
        config: { access: 'activities.manage' },
        schema: {
          tags,
          summary: 'Create an activity: one-off or repeating (its occurrences are created with it)',
          body: activityInput,
          response: { 201: activity },
        },
      },
      async (req, reply) => reply.status(201).send(await s.create(requireAuth(req), req.body)),
    );

    app.get(
      '/activities/calendar',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: "A place's occurrences between two moments (a day, week or month; at most 100 days); dates are Brussels days",
          querystring: calendarQuery,
          response: { 200: z.object({ from: z.string(), to: z.string(), items: z.array(occurrenceSummary) }) },
        },
      },
      (req) => s.calendar(requireAuth(req), req.query),
    );

    app.get(
      '/activities/attendance-counts',
      {
        config: { access: 'activities.report' },
        schema: {
          tags,
          summary: 'How often people came, per person and activity type',
          querystring: attendanceCountsQuery,
          response: { 200: z.object({ items: z.array(attendanceCount) }) },
        },
      },
      (req) => s.attendanceCounts(requireAuth(req), req.query),
    );

    app.post(
      '/activities/feeds',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: "A new iCalendar feed address: a place's calendar (placeId) or your own (no placeId)",
          body: feedInput,
          response: { 201: z.object({ url: z.string() }) },
        },
      },
      async (req, reply) => reply.status(201).send(await s.createFeed(requireAuth(req), req.body.placeId)),
    );

    app.get(
      '/activities/:id',
      { config: { access: 'activities.read' }, schema: { tags, summary: 'One activity with its occurrences', params, response: { 200: activity } } },
      (req) => s.get(requireAuth(req), req.params.id),
    );

    app.patch(
      '/activities/:id',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'Change an activity (or cancel it)', params, body: activityPatch, response: { 200: activity } },
      },
      (req) => s.update(requireAuth(req), req.params.id, req.body),
    );

    app.put(
      '/activities/:id/schedule',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary:
            'A new rule for a series from its start date on: occurrences on the same day move to the new hours with their sign-ups; sign-ups on days that disappear are cancelled and the people told. `preview` changes nothing.',
          params,
          body: scheduleChange,
          response: { 200: scheduleChangeResult },
        },
      },
      (req) => s.changeSchedule(requireAuth(req), req.params.id, req.body),
    );

    app.get(
      '/occurrences/:id',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'One occurrence, with your own sign-up', params, response: { 200: occurrenceDetail } },
      },
      (req) => s.occurrence(requireAuth(req), req.params.id),
    );

    app.patch(
      '/occurrences/:id',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: 'Change one occurrence: another day or time, cancel it, or write notes afterwards',
          params,
          body: occurrencePatch,
          response: { 200: occurrenceDetail },
        },
      },
      (req) => s.updateOccurrence(requireAuth(req), req.params.id, req.body),
    );

    app.post(
      '/occurrences/:id/registrations',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: 'Sign up yourself, or (organisers) someone else; on the waiting list when full',
          params,
          body: registrationInput,
          response: { 201: registration },
        },
      },
      async (req, reply) => reply.status(201).send(await s.register(requireAuth(req), req.params.id, req.body.personId)),
    );

    app.get(
      '/occurrences/:id/registrations',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'Who signed up (organisers)', params, response: { 200: z.object({ items: z.array(registration) }) } },
      },
      (req) => s.registrations(requireAuth(req), req.params.id),
    );

    app.get(
      '/occurrences/:id/registrations.csv',
      { config: { access: 'activities.read' }, schema: { tags, summary: 'Who signed up, as a CSV file (organisers)', params, produces: ['text/csv'] } },
      async (req, reply) => {
        const csv = await s.registrationsCsv(requireAuth(req), req.params.id);
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="registrations-${req.params.id}.csv"`).send(csv);
      },
    );

    app.post(
      '/registrations/:id/cancel',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'Cancel a sign-up; the first on the waiting list moves up', params, response: { 200: registration } },
      },
      (req) => s.cancelRegistration(requireAuth(req), req.params.id),
    );

    app.get(
      '/occurrences/:id/attendance',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'Who is expected and who was ticked (facilitators)', params, response: { 200: z.object({ items: z.array(attendanceRow) }) } },
      },
      async (req) => ({ items: await s.attendance(requireAuth(req), req.params.id) }),
    );

    app.get(
      '/occurrences/:id/walk-ins',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: "Participants of the activity's place by name, to tick a walk-in (organisers and facilitators)",
          params,
          querystring: z.object({ q: z.string().trim().min(2).max(100) }),
          response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), givenName: z.string(), familyName: z.string() })) }) },
        },
      },
      async (req) => ({ items: await s.walkInCandidates(requireAuth(req), req.params.id, req.query.q) }),
    );

    app.post(
      '/occurrences/:id/attendance',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: 'Send ticks from the door (each with its own id and time; sending again is safe)',
          params,
          body: attendanceSync,
          response: { 200: z.object({ accepted: z.number(), duplicates: z.number(), rejected: z.array(z.uuid()), items: z.array(attendanceRow) }) },
        },
      },
      (req) => s.syncAttendance(requireAuth(req), req.params.id, req.body),
    );

    app.put(
      '/occurrences/:id/feedback',
      {
        config: { access: 'activities.read' },
        schema: {
          tags,
          summary: 'Your feedback: a face from 1 to 5 and an optional word',
          params,
          body: feedbackInput,
          response: { 200: z.object({ score: z.number(), word: z.string().nullable() }) },
        },
      },
      (req) => s.giveFeedback(requireAuth(req), req.params.id, req.body),
    );

    app.get(
      '/occurrences/:id/feedback',
      {
        config: { access: 'activities.read' },
        schema: { tags, summary: 'The feedback of the participants (facilitators)', params, response: { 200: feedbackSummary } },
      },
      (req) => s.feedback(requireAuth(req), req.params.id),
    );

    // --- Without a session: calendar apps and outsiders. ---

    app.get(
      '/calendar-feeds/:file',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'An iCalendar feed (the token in the address is the key)',
          params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,64}\.ics$/) }),
          produces: ['text/calendar'],
          security: [],
        },
      },
      async (req, reply) => {
        const text = await s.feed(req.params.file.slice(0, -4));
        if (text === null) throw errors.notFound('Calendar');
        return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(text);
      },
    );

    app.get(
      '/public/events/:slug',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'The public page of a network event: programme and whether sign-up is open',
          params: z.object({ slug: z.string().max(100) }),
          response: { 200: publicEvent },
          security: [],
        },
      },
      async (req) => (await s.publicEvent(req.params.slug)).event,
    );

    app.post(
      '/public/events/:slug/registrations',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Sign up for a network event (name, organisation, e-mail); the same e-mail twice is one sign-up',
          params: z.object({ slug: z.string().max(100) }),
          body: publicRegistrationInput,
          response: { 200: publicRegistrationResult, 201: publicRegistrationResult },
          security: [],
        },
      },
      async (req, reply) => {
        const result = await s.publicRegister(req.params.slug, req.body, req.ip);
        return reply.status(result.alreadyRegistered ? 200 : 201).send(result);
      },
    );
  };
