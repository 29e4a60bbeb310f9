import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  board,
  boardQuery,
  dream,
  dreamInput,
  dreamPatch,
  dreamSuggestions,
  forMeResponse,
  item,
  itemPatch,
  itemsQuery,
  match,
  offerInput,
  placeLocation,
  placeLocationInput,
  profile,
  profileInput,
  proposeInput,
  reportQuery,
  reportResponse,
  requestInput,
  suggestion,
  suggestionsQuery,
  transitionInput,
} from '../../../shared/matching.ts';
import { requireAuth } from '../../http/auth.ts';
import type { Services } from '../../services.ts';

const params = z.object({ id: z.uuid() });
const personParams = z.object({ personId: z.uuid() });
const tags = ['matching'];
/** Reasons are phrased in the reader's language: ?locale=, else the account's. */
const localeQuery = z.object({ locale: z.enum(['nl', 'en', 'fr', 'ar', 'nl-BE', 'nl-NL']).optional() });
const list = z.object({ items: z.array(item), total: z.number() });

export const matchingRoutes =
  (services: Services): FastifyPluginAsyncZod =>
  async (app) => {
    const m = services.matching;

    app.get(
      '/matching/profiles/:personId',
      { schema: { tags, summary: "A person's strengths profile, if they let the reader see it", params: personParams, response: { 200: profile } } },
      (req) => m.getProfile(requireAuth(req), req.params.personId),
    );
    app.put(
      '/matching/profiles/:personId',
      {
        schema: {
          tags,
          summary: 'Save a strengths profile (the person, or staff on their behalf)',
          params: personParams,
          body: profileInput,
          response: { 200: profile },
        },
      },
      (req) => m.saveProfile(requireAuth(req), req.params.personId, req.body),
    );

    for (const side of ['offer', 'request'] as const) {
      const path = `/matching/${side}s`;
      const input = side === 'offer' ? offerInput : requestInput;
      app.get(
        path,
        { schema: { tags, summary: `${side === 'offer' ? 'Offers' : 'Requests'} the reader may see`, querystring: itemsQuery, response: { 200: list } } },
        (req) => m.listItems(requireAuth(req), side, req.query),
      );
      app.post(
        path,
        { schema: { tags, summary: `Post ${side === 'offer' ? 'an offer' : 'a request'}`, body: input, response: { 201: item } } },
        async (req, reply) => reply.status(201).send(await m.createItem(requireAuth(req), side, req.body)),
      );
      app.get(`${path}/:id`, { schema: { tags, summary: `One ${side}`, params, response: { 200: item } } }, (req) =>
        m.getItem(requireAuth(req), side, req.params.id),
      );
      app.patch(
        `${path}/:id`,
        {
          schema: { tags, summary: `Change, pause or close ${side === 'offer' ? 'an offer' : 'a request'}`, params, body: itemPatch, response: { 200: item } },
        },
        (req) => m.updateItem(requireAuth(req), side, req.params.id, req.body),
      );
    }

    app.get(
      '/matching/dreams',
      { schema: { tags, summary: "A person's dreams", querystring: personParams, response: { 200: z.object({ items: z.array(dream) }) } } },
      (req) => m.listDreams(requireAuth(req), req.query.personId),
    );
    app.post('/matching/dreams', { schema: { tags, summary: 'Write down a dream', body: dreamInput, response: { 201: dream } } }, async (req, reply) =>
      reply.status(201).send(await m.createDream(requireAuth(req), req.body)),
    );
    app.patch(
      '/matching/dreams/:id',
      { schema: { tags, summary: 'Change a dream, or mark it realised', params, body: dreamPatch, response: { 200: dream } } },
      (req) => m.updateDream(requireAuth(req), req.params.id, req.body),
    );

    app.get(
      '/matching/places/:id/location',
      {
        config: { access: 'matching.manage' },
        schema: { tags, summary: 'Where a place is (null when not entered)', params, response: { 200: placeLocation } },
      },
      (req) => m.placeLocation(requireAuth(req), req.params.id),
    );
    app.put(
      '/matching/places/:id/location',
      {
        config: { access: 'matching.manage' },
        schema: {
          tags,
          summary: "Set where a place is (decimal degrees), or clear it with null: for 'short distance' in matching and the board's distance filter",
          params,
          body: placeLocationInput.nullable(),
          response: { 200: placeLocation },
        },
      },
      (req) => m.savePlaceLocation(requireAuth(req), req.params.id, req.body ?? null),
    );

    app.get(
      '/matching/dreams/:id/suggestions',
      {
        schema: {
          tags,
          summary: 'What may help a dream: people who offer what it needs, upcoming activities and partner services, each with reasons',
          params,
          querystring: localeQuery,
          response: { 200: dreamSuggestions },
        },
      },
      (req) => {
        const auth = requireAuth(req);
        return m.dreamSuggestions(auth, req.params.id, req.query.locale ?? auth.locale);
      },
    );

    app.get(
      '/matching/suggestions',
      {
        schema: {
          tags,
          summary: 'Suggested offers for a request, or requests for an offer, best first, with reasons',
          querystring: suggestionsQuery.and(localeQuery),
          response: { 200: z.object({ item, suggestions: z.array(suggestion) }) },
        },
      },
      (req) => {
        const auth = requireAuth(req);
        return m.suggestions(auth, req.query, req.query.locale ?? auth.locale);
      },
    );

    app.get(
      '/matching/for-me',
      {
        schema: {
          tags,
          summary: 'Suggested for you: proposals to answer and suggestions for your own requests and offers',
          querystring: localeQuery,
          response: { 200: forMeResponse },
        },
      },
      (req) => {
        const auth = requireAuth(req);
        return m.forMe(auth, req.query.locale ?? auth.locale);
      },
    );

    app.get(
      '/matching/board',
      {
        config: { access: 'matching.manage' },
        schema: {
          tags,
          summary: "A place's board: what waits for a match, suggestions, and matches by status",
          querystring: boardQuery.and(localeQuery),
          response: { 200: board },
        },
      },
      (req) => {
        const auth = requireAuth(req);
        return m.board(auth, req.query, req.query.locale ?? auth.locale);
      },
    );

    app.post(
      '/matching/matches',
      { schema: { tags, summary: 'Propose a match of a request and an offer', querystring: localeQuery, body: proposeInput, response: { 201: match } } },
      async (req, reply) => {
        const auth = requireAuth(req);
        return reply.status(201).send(await m.propose(auth, req.body, req.query.locale ?? auth.locale));
      },
    );
    app.get(
      '/matching/matches/:id',
      { schema: { tags, summary: 'One match with its history', params, querystring: localeQuery, response: { 200: match } } },
      (req) => {
        const auth = requireAuth(req);
        return m.getMatch(auth, req.params.id, req.query.locale ?? auth.locale);
      },
    );
    app.post(
      '/matching/matches/:id/steps',
      {
        schema: {
          tags,
          summary: 'The next step of a match: accept, decline, withdraw, follow-up or close (409 match_transition_invalid when impossible)',
          params,
          querystring: localeQuery,
          body: transitionInput,
          response: { 200: match },
        },
      },
      (req) => {
        const auth = requireAuth(req);
        return m.transition(auth, req.params.id, req.body, req.query.locale ?? auth.locale);
      },
    );

    app.get(
      '/matching/report',
      {
        config: { access: 'matching.report' },
        schema: {
          tags,
          summary: 'Connections made per place in a period (steps counted by the day they were taken)',
          querystring: reportQuery,
          response: { 200: reportResponse },
        },
      },
      (req) => m.report(requireAuth(req), req.query),
    );
  };
