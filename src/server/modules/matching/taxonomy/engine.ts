/**
 * The matching engine of one organisation: the shared one while it has no concepts of its own,
 * else one built with them (`createEngine({ extraConcepts })`), kept until any of them changes.
 */
import type { Tx } from '../../../db/client.ts';
import type { ConceptInput } from '../engine/concepts.ts';
import { createEngine, type MatchingEngine } from '../engine/engine.ts';
import { taxonomyRepo } from './repo.ts';

/** How the engine names an own concept. */
export const ownRef = (id: string) => `c-${id}`;

const engines = new Map<string, { version: string; base: MatchingEngine; engine: MatchingEngine }>();

export async function engineFor(tx: Tx, organisationId: string, base: MatchingEngine): Promise<MatchingEngine> {
  const v = await taxonomyRepo.version(tx, organisationId);
  if (!v.n) {
    engines.delete(organisationId);
    return base;
  }
  const version = `${v.n}|${v.last}`;
  const hit = engines.get(organisationId);
  if (hit?.version === version && hit.base === base) return hit.engine;
  const extraConcepts: ConceptInput[] = (await taxonomyRepo.active(tx, organisationId)).map((r) => ({
    id: ownRef(r.id),
    kind: r.kind as ConceptInput['kind'],
    labels: r.labels,
    synonyms: r.synonyms,
    broader: r.broader ? [r.broader] : [],
  }));
  const engine = createEngine({ extraConcepts });
  engines.set(organisationId, { version, base, engine });
  return engine;
}
