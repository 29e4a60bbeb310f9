/**
 * Pathways: the domain's fixed lists, shared by the schema, the API and the screens.
 * Labels live in the i18n files under `pathways.*`, keyed by these values.
 */

/** The seven life domains of the Sint-Niklaas programme, plus what other programmes name. */
export const lifeDomains = [
  'work',
  'housing',
  'health',
  'income',
  'education',
  'parenting',
  'social-network',
  'mobility',
  'language',
  'leisure',
  'other',
] as const;
export type LifeDomain = (typeof lifeDomains)[number];

/** Referral in (toeleiding): where someone came from and how far it got. */
export const referralSources = ['partner', 'self', 'network', 'other'] as const;
export const referralInStatuses = ['received', 'intake-planned', 'started', 'not-started'] as const;
export type ReferralInStatus = (typeof referralInStatuses)[number];

export const pathwayStatuses = ['intake', 'active', 'ended'] as const;
export type PathwayStatus = (typeof pathwayStatuses)[number];

/** Consent is per purpose; `share-with-partner` names the partner. */
export const consentPurposes = ['guidance', 'share-with-partner', 'research', 'photos-stories'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

/** Funder entry data (ESF+). */
export const genders = ['woman', 'man', 'non-binary'] as const;
export const employmentStatuses = ['unemployed', 'inactive', 'employed', 'self-employed'] as const;
/**
 * A yes/no question the participant may refuse to answer. `null` in the database means it was
 * not asked yet; `refused` is recorded explicitly, never guessed.
 */
export const answerOrRefused = ['yes', 'no', 'refused'] as const;
export type AnswerOrRefused = (typeof answerOrRefused)[number];
/** Special categories under GDPR art. 9: reading them is audited, only the team sees them. */
export const specialCategoryFields = ['disability', 'minority', 'foreignBackground'] as const;

export const teamRoles = ['lead-companion', 'companion', 'partner-worker', 'volunteer'] as const;
export const stepOwners = ['participant', 'companion', 'partner'] as const;
export const goalStatuses = ['open', 'achieved', 'dropped'] as const;
export const stepStatuses = ['todo', 'doing', 'done', 'dropped'] as const;

export const journalTypes = ['meeting', 'phone', 'message', 'home-visit', 'group', 'other'] as const;
/** Who may read a journal entry: only its author, the team, or the team and the participant. */
export const journalVisibilities = ['author', 'team', 'participant'] as const;
export type JournalVisibility = (typeof journalVisibilities)[number];

export const networkKinds = ['person', 'organisation'] as const;
export const networkRelations = ['family', 'friend', 'neighbour', 'peer', 'volunteer', 'professional', 'organisation', 'other'] as const;
/** Closeness on the network map: 1 the inner circle ... 3 the outer circle. */
export const closenessLevels = [1, 2, 3] as const;

export const assessorRoles = ['companion', 'participant'] as const;

export const referralOutStatuses = ['proposed', 'sent', 'accepted', 'started', 'declined', 'completed', 'cancelled'] as const;
export type ReferralOutStatus = (typeof referralOutStatuses)[number];

/** How a pathway ended (issue 5); the ESF result event each implies is in `exitOutcomeEvent`. */
export const exitOutcomes = ['work', 'self-employed', 'training', 'qualification', 'job-searching', 'volunteering', 'other', 'dropped-out'] as const;
export type ExitOutcome = (typeof exitOutcomes)[number];

/** ESF+ labour-market events after exit ("upon leaving" = within 28 days). */
export const esfEventTypes = ['job-searching', 'education-training', 'qualification', 'employment', 'self-employment'] as const;
export type EsfEventType = (typeof esfEventTypes)[number];

export const exitOutcomeEvent: Record<ExitOutcome, EsfEventType | null> = {
  work: 'employment',
  'self-employed': 'self-employment',
  training: 'education-training',
  qualification: 'qualification',
  'job-searching': 'job-searching',
  volunteering: null,
  other: null,
  'dropped-out': null,
};

/** The follow-up is due six months after exit. */
export const FOLLOW_UP_MONTHS = 6;
