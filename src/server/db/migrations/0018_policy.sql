CREATE TABLE "policy_agenda_items" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"barrier_id" uuid,
	"proposal_id" uuid,
	"note" text,
	"decision" text,
	"actor_answer" text,
	"outcome" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_agenda_items_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "policy_agenda_items_subject_check" CHECK (("policy_agenda_items"."barrier_id" is null) <> ("policy_agenda_items"."proposal_id" is null))
);
--> statement-breakpoint
CREATE TABLE "policy_barrier_events" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"barrier_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text,
	"note" text,
	"by_person_id" uuid,
	"proposal_id" uuid,
	"meeting_id" uuid,
	"other_barrier_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_barrier_events_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_barrier_supports" (
	"organisation_id" uuid NOT NULL,
	"barrier_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_barrier_supports_organisation_id_barrier_id_person_id_pk" PRIMARY KEY("organisation_id","barrier_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "policy_barriers" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"text" text NOT NULL,
	"lang" text,
	"domain" text NOT NULL,
	"actor_partner_id" uuid,
	"actor_text" text,
	"people_affected" integer DEFAULT 1 NOT NULL,
	"place_id" uuid,
	"activity_id" uuid,
	"raised_by_person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome_note" text,
	"merged_into_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_barriers_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "policy_barriers_people_check" CHECK ("policy_barriers"."people_affected" between 1 and 100000),
	CONSTRAINT "policy_barriers_merge_check" CHECK ("policy_barriers"."merged_into_id" is null or "policy_barriers"."merged_into_id" <> "policy_barriers"."id")
);
--> statement-breakpoint
CREATE TABLE "policy_meeting_members" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid,
	"partner_contact_id" uuid,
	CONSTRAINT "policy_meeting_members_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "policy_meeting_members_who_check" CHECK (("policy_meeting_members"."person_id" is null) <> ("policy_meeting_members"."partner_contact_id" is null))
);
--> statement-breakpoint
CREATE TABLE "policy_meetings" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"location" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_meetings_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "policy_proposal_barriers" (
	"organisation_id" uuid NOT NULL,
	"proposal_id" uuid NOT NULL,
	"barrier_id" uuid NOT NULL,
	CONSTRAINT "policy_proposal_barriers_organisation_id_proposal_id_barrier_id_pk" PRIMARY KEY("organisation_id","proposal_id","barrier_id")
);
--> statement-breakpoint
CREATE TABLE "policy_proposals" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"title" text NOT NULL,
	"change" text NOT NULL,
	"rationale" text,
	"actor_partner_id" uuid,
	"actor_text" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"answer" text,
	"answered_on" date,
	"created_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_proposals_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "policy_proposals_actor_check" CHECK ("policy_proposals"."actor_partner_id" is not null or "policy_proposals"."actor_text" is not null)
);
--> statement-breakpoint
CREATE TABLE "policy_stories" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"lang" text,
	"consent_on" date NOT NULL,
	"consent_scope" text NOT NULL,
	"attribution" text NOT NULL,
	"attribution_text" text,
	"domain" text,
	"place_id" uuid,
	"recorded_by_person_id" uuid,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "policy_stories_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "policy_agenda_items" ADD CONSTRAINT "policy_agenda_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_agenda_items" ADD CONSTRAINT "policy_agenda_items_organisation_id_meeting_id_policy_meetings_organisation_id_id_fk" FOREIGN KEY ("organisation_id","meeting_id") REFERENCES "public"."policy_meetings"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_agenda_items" ADD CONSTRAINT "policy_agenda_items_organisation_id_barrier_id_policy_barriers_organisation_id_id_fk" FOREIGN KEY ("organisation_id","barrier_id") REFERENCES "public"."policy_barriers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_agenda_items" ADD CONSTRAINT "policy_agenda_items_organisation_id_proposal_id_policy_proposals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","proposal_id") REFERENCES "public"."policy_proposals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barrier_events" ADD CONSTRAINT "policy_barrier_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barrier_events" ADD CONSTRAINT "policy_barrier_events_organisation_id_barrier_id_policy_barriers_organisation_id_id_fk" FOREIGN KEY ("organisation_id","barrier_id") REFERENCES "public"."policy_barriers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barrier_supports" ADD CONSTRAINT "policy_barrier_supports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barrier_supports" ADD CONSTRAINT "policy_barrier_supports_organisation_id_barrier_id_policy_barriers_organisation_id_id_fk" FOREIGN KEY ("organisation_id","barrier_id") REFERENCES "public"."policy_barriers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barrier_supports" ADD CONSTRAINT "policy_barrier_supports_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_actor_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","actor_partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_activity_id_activities_organisation_id_id_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activities"("organisation_id","id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_raised_by_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","raised_by_person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_barriers" ADD CONSTRAINT "policy_barriers_organisation_id_merged_into_id_policy_barriers_organisation_id_id_fk" FOREIGN KEY ("organisation_id","merged_into_id") REFERENCES "public"."policy_barriers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_meeting_members" ADD CONSTRAINT "policy_meeting_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_meeting_members" ADD CONSTRAINT "policy_meeting_members_organisation_id_meeting_id_policy_meetings_organisation_id_id_fk" FOREIGN KEY ("organisation_id","meeting_id") REFERENCES "public"."policy_meetings"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_meeting_members" ADD CONSTRAINT "policy_meeting_members_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_meeting_members" ADD CONSTRAINT "policy_meeting_members_organisation_id_partner_contact_id_partner_contacts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_contact_id") REFERENCES "public"."partner_contacts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_meetings" ADD CONSTRAINT "policy_meetings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_proposal_barriers" ADD CONSTRAINT "policy_proposal_barriers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_proposal_barriers" ADD CONSTRAINT "policy_proposal_barriers_organisation_id_proposal_id_policy_proposals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","proposal_id") REFERENCES "public"."policy_proposals"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_proposal_barriers" ADD CONSTRAINT "policy_proposal_barriers_organisation_id_barrier_id_policy_barriers_organisation_id_id_fk" FOREIGN KEY ("organisation_id","barrier_id") REFERENCES "public"."policy_barriers"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_proposals" ADD CONSTRAINT "policy_proposals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_proposals" ADD CONSTRAINT "policy_proposals_organisation_id_actor_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","actor_partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_stories" ADD CONSTRAINT "policy_stories_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_stories" ADD CONSTRAINT "policy_stories_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_stories" ADD CONSTRAINT "policy_stories_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "policy_agenda_items_meeting_idx" ON "policy_agenda_items" USING btree ("organisation_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "policy_barrier_events_barrier_idx" ON "policy_barrier_events" USING btree ("organisation_id","barrier_id","created_at");--> statement-breakpoint
CREATE INDEX "policy_barrier_supports_person_idx" ON "policy_barrier_supports" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "policy_barriers_place_idx" ON "policy_barriers" USING btree ("organisation_id","place_id","status");--> statement-breakpoint
CREATE INDEX "policy_barriers_merged_idx" ON "policy_barriers" USING btree ("organisation_id","merged_into_id");--> statement-breakpoint
CREATE INDEX "policy_barriers_raised_by_idx" ON "policy_barriers" USING btree ("organisation_id","raised_by_person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_meeting_members_person_key" ON "policy_meeting_members" USING btree ("organisation_id","meeting_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_meeting_members_contact_key" ON "policy_meeting_members" USING btree ("organisation_id","meeting_id","partner_contact_id");--> statement-breakpoint
CREATE INDEX "policy_meetings_date_idx" ON "policy_meetings" USING btree ("organisation_id","held_on");--> statement-breakpoint
CREATE INDEX "policy_proposal_barriers_barrier_idx" ON "policy_proposal_barriers" USING btree ("organisation_id","barrier_id");--> statement-breakpoint
CREATE INDEX "policy_proposals_status_idx" ON "policy_proposals" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "policy_stories_person_idx" ON "policy_stories" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "policy_stories_scope_idx" ON "policy_stories" USING btree ("organisation_id","consent_scope") WHERE "policy_stories"."withdrawn_at" is null;