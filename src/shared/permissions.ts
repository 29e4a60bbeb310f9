/** Roles and what each may do: one list shared by the route guard, the service check and the UI. */
export const roles = [
  'admin',
  'coordinator',
  'matchmaker',
  'companion',
  'partner-worker',
  'facilitator',
  'participant',
  'steering-member',
  'researcher',
] as const;
export type Role = (typeof roles)[number];

export const staffRoles: readonly Role[] = roles.filter((r) => r !== 'participant');

export const permissions = [
  'people.read',
  'people.write',
  'people.invite',
  'activities.read',
  'activities.manage',
  'activities.report',
  'organisation.read',
  'organisation.manage',
  'staff.manage',
  'audit.read',
  'matching.manage',
  'matching.report',
  'pathways.manage',
  'pathways.oversee',
  'instruments.manage',
  'referrals.respond',
  'policy.read',
  'policy.manage',
  'policy.steering',
  'reports.read',
  'research.export',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  coordinator: [
    'people.read',
    'people.write',
    'people.invite',
    'organisation.read',
    'activities.read',
    'activities.manage',
    'activities.report',
    'matching.manage',
    'matching.report',
    'pathways.manage',
    'pathways.oversee',
    'policy.read',
    'policy.manage',
    'policy.steering',
    'reports.read',
  ],
  matchmaker: [
    'people.read',
    'people.write',
    'people.invite',
    'organisation.read',
    'activities.read',
    'activities.manage',
    'activities.report',
    'matching.manage',
    'matching.report',
    'policy.read',
    'policy.manage',
    'policy.steering',
  ],
  companion: ['people.read', 'people.write', 'people.invite', 'organisation.read', 'activities.read', 'activities.report', 'pathways.manage', 'policy.read'],
  'partner-worker': ['organisation.read', 'activities.read', 'referrals.respond'],
  facilitator: ['organisation.read', 'activities.read', 'activities.manage', 'policy.read'],
  participant: ['activities.read'],
  'steering-member': ['organisation.read', 'activities.read', 'matching.report', 'policy.read', 'policy.steering', 'reports.read'],
  researcher: ['research.export'],
};

export interface RoleAssignment {
  role: Role;
  /** null: across the whole organisation */
  placeId: string | null;
}

export function roleGrants(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

/**
 * Whether the assignments allow `permission`; with `placeId` given, the role must hold at that
 * place or organisation-wide. Without it, anywhere is enough (the service narrows later).
 */
export function can(assignments: readonly RoleAssignment[], permission: Permission, placeId?: string | null): boolean {
  return assignments.some((a) => roleGrants(a.role, permission) && (placeId === undefined || a.placeId === null || a.placeId === placeId));
}

/** Places where `permission` holds; 'all' when organisation-wide. */
export function placesWith(assignments: readonly RoleAssignment[], permission: Permission): 'all' | string[] {
  const held = assignments.filter((a) => roleGrants(a.role, permission));
  if (held.some((a) => a.placeId === null)) return 'all';
  return [...new Set(held.map((a) => a.placeId as string))];
}
