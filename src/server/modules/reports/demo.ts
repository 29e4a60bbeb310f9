import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { researchExportKeys } from '../../db/schema/index.ts';

/**
 * Demo: one research export key for the research partner of the seeds (Odisee), so the
 * researcher@ account can take the pseudonymised export of the participants who consented.
 * The secret is random per install and never shown (an admin can rotate it to see a new one).
 */
export async function loadResearchDemo(tx: Executor, organisationId: string) {
  const secret = randomBytes(32).toString('base64url');
  await tx.insert(researchExportKeys).values({
    organisationId,
    label: 'Odisee impactmeting',
    secret,
    fingerprint: createHash('sha256').update(secret).digest('hex').slice(0, 12),
  });
}
