import { and, count, desc, eq, gte, lte } from 'drizzle-orm';
import type { Auth } from '../../http/auth.ts';
import { type Db, type Executor, withOrganisation } from '../../db/client.ts';
import { accounts, auditLog } from '../../db/schema/index.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  changes?: Record<string, unknown> | null;
}

/** Values never written to the audit log, even as "changed". */
const secretFields = new Set(['password', 'passwordHash', 'token']);

/** Records one write in the same transaction as the write itself, so neither lands alone. */
export async function recordAudit(tx: Executor, organisationId: string, actorAccountId: string | null, entry: AuditEntry) {
  const changes = entry.changes
    ? Object.fromEntries(Object.entries(entry.changes).map(([k, v]) => [k, secretFields.has(k) ? '[hidden]' : v]))
    : null;
  await tx.insert(auditLog).values({
    organisationId,
    actorAccountId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    changes,
  });
}

/** The fields of `after` that differ from `before`, as { field: [old, new] }. */
export function diff<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) out[k] = [before[k], v];
  }
  return out;
}

export function auditService(db: Db) {
  return {
    async list(auth: Auth, q: { entityType?: string; entityId?: string; from?: string; to?: string; limit: number; offset: number }) {
      return withOrganisation(db, auth.organisationId, async (tx) => {
        const where = and(
          eq(auditLog.organisationId, auth.organisationId),
          q.entityType ? eq(auditLog.entityType, q.entityType) : undefined,
          q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
          q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
          q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
        );
        const rows = await tx
          .select({
            id: auditLog.id,
            at: auditLog.at,
            action: auditLog.action,
            entityType: auditLog.entityType,
            entityId: auditLog.entityId,
            changes: auditLog.changes,
            actorAccountId: auditLog.actorAccountId,
            actorLogin: accounts.login,
          })
          .from(auditLog)
          .leftJoin(accounts, and(eq(accounts.organisationId, auditLog.organisationId), eq(accounts.id, auditLog.actorAccountId)))
          .where(where)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(q.limit)
          .offset(q.offset);
        const [{ total }] = await tx.select({ total: count() }).from(auditLog).where(where);
        return { items: rows.map((r) => ({ ...r, at: r.at.toISOString(), changes: (r.changes ?? null) as Record<string, unknown> | null })), total };
      });
    },
  };
}
