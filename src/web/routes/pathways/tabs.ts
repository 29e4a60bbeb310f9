/**
 * The tabs of a pathway file. Each area adds its tab with one line here; the file page shows a
 * tab when the caller's `allowed` actions include any of its `capacityActions`.
 * A tab's element gets the pathway overview (with `capacity` and `allowed`) and renders its part;
 * its URL is /pathways/<id>/<tab id>. The page gives the tab an h2 (its label); headings inside a tab start at h3.
 */
import type { ComponentType } from 'react';
import type { PathwayAction, PathwayOverview } from '../../../shared/pathways-api.ts';
import { AssessmentsTab } from './AssessmentsTab.tsx';
import { JournalTab } from './JournalTab.tsx';
import { DownloadTab } from './NetworkHome.tsx';
import { NetworkTab } from './NetworkTab.tsx';
import { ConsentTab } from './ConsentTab.tsx';
import { EndingTab } from './EndingTab.tsx';
import { OverviewTab } from './OverviewTab.tsx';
import { PlanTab } from './PlanTab.tsx';
import { TeamTab } from './TeamTab.tsx';
import { ReferralsTab } from './ReferralsTab.tsx';

export interface PathwayTabProps {
  pathway: PathwayOverview;
}

export interface PathwayTab {
  /** the URL segment: /pathways/<id>/<id> ('overview' is also the bare /pathways/<id>) */
  id: string;
  /** i18n key of the tab's label */
  labelKey: string;
  /** shown when the caller may do any of these */
  capacityActions: PathwayAction[];
  element: ComponentType<PathwayTabProps>;
}

export const pathwayTabs: PathwayTab[] = [
  { id: 'overview', labelKey: 'pathways.tabs.overview', capacityActions: ['overview.read'], element: OverviewTab },
  { id: 'plan', labelKey: 'pathways.tabs.plan', capacityActions: ['plan.read'], element: PlanTab },
  { id: 'team', labelKey: 'pathways.tabs.team', capacityActions: ['team.read'], element: TeamTab },
  { id: 'consent', labelKey: 'pathways.tabs.consent', capacityActions: ['consent.read', 'entry-data.read'], element: ConsentTab },
  { id: 'ending', labelKey: 'pathways.tabs.ending', capacityActions: ['ending.write'], element: EndingTab },
  // P2 (care): journal, assessments, network; P3: referrals out. One line each below.
  { id: 'journal', labelKey: 'care.tabs.journal', capacityActions: ['journal.read'], element: JournalTab },
  { id: 'assessments', labelKey: 'care.tabs.assessments', capacityActions: ['assessment.read'], element: AssessmentsTab },
  { id: 'network', labelKey: 'care.tabs.network', capacityActions: ['network.read'], element: NetworkTab },
  { id: 'referrals', labelKey: 'referrals.tab.label', capacityActions: ['referral-out.read'], element: ReferralsTab },
  // The download follows the special-categories rule: the participant and the team (not the lead).
  { id: 'data', labelKey: 'referrals.download.tab', capacityActions: ['special-categories.read'], element: DownloadTab },
];

export function visibleTabs(pathway: PathwayOverview) {
  return pathwayTabs.filter((tab) => tab.capacityActions.some((a) => pathway.allowed.includes(a)));
}
