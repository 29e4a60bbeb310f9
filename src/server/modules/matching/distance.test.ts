/**
 * Short distance: places get coordinates from their staff; suggestions between two places say how
 * far apart they are, rank closer ones higher, and the board can keep to a distance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, newOrganisation, signedIn, type TestContext, type TestOrganisation } from '../../../../test/helper.ts';
import { distanceKm } from './service.ts';

let ctx: TestContext;
let org: TestOrganisation;
type Headers = { cookie: string };
const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: unknown) => {
  const res = await ctx.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    payload: payload === null ? 'null' : (payload as never),
    ...(payload === null ? { headers: { ...headers, 'content-type': 'application/json' } } : {}),
  });
  return { status: res.statusCode, body: res.json() };
};
const lier = { latitude: 51.1313, longitude: 4.5707 };
const koningshooikt = { latitude: 51.0981, longitude: 4.6117 };

beforeAll(async () => {
  ctx = await createTestApp();
  org = await newOrganisation(ctx.db, 'Afstand');
});
afterAll(() => ctx.close());

describe('distance', () => {
  it('computes kilometres between coordinates', () => {
    expect(distanceKm(lier, koningshooikt)).toBeCloseTo(4.7, 0);
    expect(distanceKm(lier, lier)).toBe(0);
  });

  it('places get coordinates; suggestions across places say how far, and the board filters by distance', async () => {
    const admin = await signedIn(ctx, org, 'admin');
    const mm = await signedIn(ctx, org, 'matchmaker', { placeId: org.placeId });
    const asker = await signedIn(ctx, org, 'participant', { placeId: org.placeId });
    const helper = await signedIn(ctx, org, 'participant', { placeId: org.otherPlaceId });

    expect((await api('GET', `/matching/places/${org.placeId}/location`, mm.headers)).body).toMatchObject({ latitude: null, longitude: null });
    expect((await api('PUT', `/matching/places/${org.placeId}/location`, mm.headers, lier)).body).toMatchObject(lier);
    // The matchmaker of one place does not set another's; an admin does.
    expect((await api('PUT', `/matching/places/${org.otherPlaceId}/location`, mm.headers, koningshooikt)).status).toBe(404);
    expect((await api('PUT', `/matching/places/${org.otherPlaceId}/location`, admin.headers, koningshooikt)).status).toBe(200);
    for (const bad of [{ latitude: 200, longitude: 4 }, { latitude: 'Lier' }, {}, [1, 2]])
      expect((await api('PUT', `/matching/places/${org.placeId}/location`, mm.headers, bad)).status).toBe(400);
    expect((await api('PUT', `/matching/places/${org.placeId}/location`, mm.headers, 'x')).status).toBe(415);
    expect((await api('PUT', `/matching/places/${org.placeId}/location`, asker.headers, lier)).status).toBe(403);

    const request = await api('POST', '/matching/requests', asker.headers, { text: 'Mijn fiets is kapot, wie kan hem herstellen?' });
    const offer = await api('POST', '/matching/offers', helper.headers, { text: 'Ik herstel fietsen' });
    // Organisation-wide staff see both places' items (a place's matchmaker only their own).
    const s = await api('GET', `/matching/suggestions?requestId=${request.body.id}&locale=en`, admin.headers);
    const found = s.body.suggestions.find((x: { item: { id: string } }) => x.item.id === offer.body.id);
    expect(found.distanceKm).toBeCloseTo(4.7, 0);
    expect(found.reasons.map((r: { text: string }) => r.text)).toContain('4.7 km away');

    const near = await api('GET', `/matching/board?placeId=${org.placeId}&maxKm=10`, admin.headers);
    const far = await api('GET', `/matching/board?placeId=${org.placeId}&maxKm=2`, admin.headers);
    const ids = (b: { unmatchedRequests: { request: { id: string }; suggestions: { item: { id: string } }[] }[] }) =>
      b.unmatchedRequests.find((r) => r.request.id === request.body.id)?.suggestions.map((x) => x.item.id);
    expect(ids(near.body)).toContain(offer.body.id);
    expect(ids(far.body)).toEqual([]);
    expect((await api('GET', `/matching/board?placeId=${org.placeId}&maxKm=-1`, mm.headers)).status).toBe(400);

    // Cleared: no distance any more.
    expect((await api('PUT', `/matching/places/${org.otherPlaceId}/location`, admin.headers, null)).body).toMatchObject({ latitude: null });
    const after = await api('GET', `/matching/suggestions?requestId=${request.body.id}`, admin.headers);
    expect(after.body.suggestions.find((x: { item: { id: string } }) => x.item.id === offer.body.id).distanceKm).toBeNull();
  });
});
