import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Mailer } from './mail.ts';
import { activitiesService } from './modules/activities/service.ts';
import { auditService } from './modules/audit/service.ts';
import { authService } from './modules/auth/service.ts';
import { semanticFromConfig } from './modules/matching/semantic.ts';
import { matchingService } from './modules/matching/service.ts';
import { taxonomyService } from './modules/matching/taxonomy/service.ts';
import { organisationService } from './modules/organisation/service.ts';
import { careService } from './modules/pathways/care-service.ts';
import { networkService } from './modules/pathways/network-routes.ts';
import { pathwaysService } from './modules/pathways/service.ts';
import { peopleService } from './modules/people/service.ts';
import { reportsService } from './modules/reports/service.ts';
import { dashboardService } from './modules/reports/dashboard.ts';
import { researchService } from './modules/reports/research-export.ts';
import { policyService } from './modules/policy/service.ts';

/** Every module's service, built once per app from the same dependencies. */
export function createServices(database: Database, config: Config, mailer: Mailer) {
  const { db } = database;
  const activities = activitiesService(db, config, mailer);
  const organisation = organisationService(db, config, mailer);
  // A dream's suggestions include activities and partners, asked of their own services.
  const matching = matchingService(db, undefined, semanticFromConfig(config), { activities, organisation });
  return {
    activities,
    care: careService(db),
    audit: auditService(db),
    auth: authService(db, config, mailer),
    people: peopleService(db),
    reports: reportsService(db),
    dashboard: dashboardService(db, matching),
    research: researchService(db),
    network: networkService(db, config, mailer),
    organisation,
    matching,
    pathways: pathwaysService(db, config, mailer),
    taxonomy: taxonomyService(db, matching.invalidate),
    policy: policyService(db, config, mailer),
  };
}
export type Services = ReturnType<typeof createServices>;
