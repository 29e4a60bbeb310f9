CREATE TABLE "assessment_scores" (
	"organisation_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"domain_key" text NOT NULL,
	"level" smallint NOT NULL,
	"note" text,
	CONSTRAINT "assessment_scores_organisation_id_assessment_id_domain_key_pk" PRIMARY KEY("organisation_id","assessment_id","domain_key")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"assessed_on" date NOT NULL,
	"assessor_role" text NOT NULL,
	"assessor_person_id" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assessments_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "cohort_members" (
	"organisation_id" uuid NOT NULL,
	"cohort_id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"joined_on" date DEFAULT current_date NOT NULL,
	"left_on" date,
	CONSTRAINT "cohort_members_organisation_id_cohort_id_pathway_id_pk" PRIMARY KEY("organisation_id","cohort_id","pathway_id")
);
--> statement-breakpoint
CREATE TABLE "cohorts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"place_id" uuid,
	"programme_id" uuid,
	"activity_id" uuid,
	"starts_on" date,
	"ends_on" date,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"partner_id" uuid,
	"scope" text,
	"given_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consents_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "consents_partner_check" CHECK (("consents"."purpose" = 'share-with-partner') = ("consents"."partner_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "pathway_entry_data" (
	"organisation_id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"gender" text,
	"isced" smallint,
	"employment_at_entry" text,
	"unemployed_since" date,
	"disability" text,
	"minority" text,
	"foreign_background" text,
	"third_country_national" text,
	"homeless" text,
	"rural" text,
	"collection_attempted_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_entry_data_organisation_id_pathway_id_pk" PRIMARY KEY("organisation_id","pathway_id"),
	CONSTRAINT "entry_data_isced_check" CHECK ("pathway_entry_data"."isced" is null or "pathway_entry_data"."isced" between 0 and 8)
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"organisation_id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date,
	"employed" boolean,
	"improved_situation" boolean,
	"note" text,
	"reminded_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_organisation_id_pathway_id_pk" PRIMARY KEY("organisation_id","pathway_id")
);
--> statement-breakpoint
CREATE TABLE "pathway_goals" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"life_domain" text NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_goals_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "instruments" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text,
	"name" jsonb NOT NULL,
	"description" jsonb,
	"domains" jsonb NOT NULL,
	"levels" jsonb NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "instruments_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"author_person_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"duration_minutes" integer,
	"note" text NOT NULL,
	"visibility" text DEFAULT 'team' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "journal_entries_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "journal_entries_duration_check" CHECK ("journal_entries"."duration_minutes" is null or "journal_entries"."duration_minutes" between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "network_entries" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"snapshot_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"relation" text NOT NULL,
	"closeness" smallint NOT NULL,
	"partner_id" uuid,
	"support" text,
	CONSTRAINT "network_entries_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "network_entries_closeness_check" CHECK ("network_entries"."closeness" between 1 and 3)
);
--> statement-breakpoint
CREATE TABLE "network_snapshots" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"taken_on" date NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_snapshots_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "pathway_events" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"type" text NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_events_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "pathway_team" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text DEFAULT 'companion' NOT NULL,
	"partner_id" uuid,
	"joined_on" date DEFAULT current_date NOT NULL,
	"left_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_team_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "pathways" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"programme_id" uuid,
	"place_id" uuid,
	"status" text DEFAULT 'intake' NOT NULL,
	"started_on" date,
	"ended_on" date,
	"exit_outcome" text,
	"exit_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathways_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "pathways_dates_check" CHECK ("pathways"."ended_on" is null or "pathways"."started_on" is null or "pathways"."ended_on" >= "pathways"."started_on"),
	CONSTRAINT "pathways_ended_check" CHECK (("pathways"."status" = 'ended') = ("pathways"."ended_on" is not null))
);
--> statement-breakpoint
CREATE TABLE "referrals_in" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"participant_id" uuid NOT NULL,
	"pathway_id" uuid,
	"place_id" uuid,
	"source" text NOT NULL,
	"partner_id" uuid,
	"partner_contact_id" uuid,
	"referrer_name" text,
	"referred_on" date NOT NULL,
	"reason" text,
	"status" text DEFAULT 'received' NOT NULL,
	"intake_on" date,
	"not_started_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_in_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "referrals_in_not_started_check" CHECK ("referrals_in"."status" <> 'not-started' or "referrals_in"."not_started_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "referrals_out" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"partner_contact_id" uuid,
	"consent_id" uuid,
	"service" text NOT NULL,
	"handover_note" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"sent_at" timestamp with time zone,
	"partner_feedback" text,
	"feedback_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_out_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "pathway_steps" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner" text DEFAULT 'participant' NOT NULL,
	"owner_person_id" uuid,
	"owner_partner_id" uuid,
	"due_on" date,
	"status" text DEFAULT 'todo' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pathway_steps_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "partner_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_scores" ADD CONSTRAINT "assessment_scores_organisation_id_assessment_id_assessments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assessment_id") REFERENCES "public"."assessments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_instrument_id_instruments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","instrument_id") REFERENCES "public"."instruments"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_organisation_id_assessor_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","assessor_person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_organisation_id_cohort_id_cohorts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","cohort_id") REFERENCES "public"."cohorts"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_members" ADD CONSTRAINT "cohort_members_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_organisation_id_programme_id_programmes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programmes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohorts" ADD CONSTRAINT "cohorts_organisation_id_activity_id_activities_organisation_id_id_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activities"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_participant_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","participant_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_entry_data" ADD CONSTRAINT "pathway_entry_data_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_entry_data" ADD CONSTRAINT "pathway_entry_data_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_goals" ADD CONSTRAINT "pathway_goals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_goals" ADD CONSTRAINT "pathway_goals_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instruments" ADD CONSTRAINT "instruments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_organisation_id_author_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","author_person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_organisation_id_snapshot_id_network_snapshots_organisation_id_id_fk" FOREIGN KEY ("organisation_id","snapshot_id") REFERENCES "public"."network_snapshots"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_snapshots" ADD CONSTRAINT "network_snapshots_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_events" ADD CONSTRAINT "pathway_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_events" ADD CONSTRAINT "pathway_events_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_team" ADD CONSTRAINT "pathway_team_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_team" ADD CONSTRAINT "pathway_team_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_team" ADD CONSTRAINT "pathway_team_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_team" ADD CONSTRAINT "pathway_team_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_organisation_id_participant_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","participant_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_organisation_id_programme_id_programmes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programmes"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathways" ADD CONSTRAINT "pathways_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_participant_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","participant_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_in" ADD CONSTRAINT "referrals_in_organisation_id_partner_contact_id_partner_contacts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_contact_id") REFERENCES "public"."partner_contacts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_organisation_id_partner_contact_id_partner_contacts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_contact_id") REFERENCES "public"."partner_contacts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals_out" ADD CONSTRAINT "referrals_out_organisation_id_consent_id_consents_organisation_id_id_fk" FOREIGN KEY ("organisation_id","consent_id") REFERENCES "public"."consents"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_steps" ADD CONSTRAINT "pathway_steps_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_steps" ADD CONSTRAINT "pathway_steps_organisation_id_goal_id_pathway_goals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","goal_id") REFERENCES "public"."pathway_goals"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_steps" ADD CONSTRAINT "pathway_steps_organisation_id_owner_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","owner_person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pathway_steps" ADD CONSTRAINT "pathway_steps_organisation_id_owner_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","owner_partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessments_pathway_idx" ON "assessments" USING btree ("organisation_id","pathway_id","instrument_id","assessed_on");--> statement-breakpoint
CREATE INDEX "consents_participant_idx" ON "consents" USING btree ("organisation_id","participant_id","purpose");--> statement-breakpoint
CREATE INDEX "follow_ups_due_idx" ON "follow_ups" USING btree ("due_on") WHERE "follow_ups"."done_on" is null;--> statement-breakpoint
CREATE INDEX "pathway_goals_pathway_idx" ON "pathway_goals" USING btree ("organisation_id","pathway_id");--> statement-breakpoint
CREATE UNIQUE INDEX "instruments_key_key" ON "instruments" USING btree ("organisation_id","key") WHERE "instruments"."key" is not null;--> statement-breakpoint
CREATE INDEX "journal_entries_pathway_idx" ON "journal_entries" USING btree ("organisation_id","pathway_id","occurred_at");--> statement-breakpoint
CREATE INDEX "network_entries_snapshot_idx" ON "network_entries" USING btree ("organisation_id","snapshot_id");--> statement-breakpoint
CREATE INDEX "network_snapshots_pathway_idx" ON "network_snapshots" USING btree ("organisation_id","pathway_id","taken_on");--> statement-breakpoint
CREATE INDEX "pathway_events_pathway_idx" ON "pathway_events" USING btree ("organisation_id","pathway_id","occurred_on");--> statement-breakpoint
CREATE INDEX "pathway_team_person_idx" ON "pathway_team" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pathway_team_active_key" ON "pathway_team" USING btree ("organisation_id","pathway_id","person_id") WHERE "pathway_team"."left_on" is null;--> statement-breakpoint
CREATE INDEX "pathways_participant_idx" ON "pathways" USING btree ("organisation_id","participant_id");--> statement-breakpoint
CREATE INDEX "pathways_place_idx" ON "pathways" USING btree ("organisation_id","place_id","status");--> statement-breakpoint
CREATE INDEX "pathways_programme_idx" ON "pathways" USING btree ("organisation_id","programme_id","started_on");--> statement-breakpoint
CREATE INDEX "referrals_in_status_idx" ON "referrals_in" USING btree ("organisation_id","status","referred_on");--> statement-breakpoint
CREATE INDEX "referrals_in_partner_idx" ON "referrals_in" USING btree ("organisation_id","partner_id");--> statement-breakpoint
CREATE INDEX "referrals_out_partner_idx" ON "referrals_out" USING btree ("organisation_id","partner_id","status");--> statement-breakpoint
CREATE INDEX "referrals_out_pathway_idx" ON "referrals_out" USING btree ("organisation_id","pathway_id");--> statement-breakpoint
CREATE INDEX "pathway_steps_goal_idx" ON "pathway_steps" USING btree ("organisation_id","goal_id");--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;