CREATE TABLE "activities" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"address" text,
	"capacity" integer,
	"schedule" jsonb NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"public_slug" text,
	"programme" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "activities_capacity_check" CHECK ("activities"."capacity" is null or "activities"."capacity" >= 1)
);
--> statement-breakpoint
CREATE TABLE "activity_facilitators" (
	"organisation_id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "activity_facilitators_organisation_id_activity_id_person_id_pk" PRIMARY KEY("organisation_id","activity_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "activity_feedback" (
	"organisation_id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"score" smallint NOT NULL,
	"word" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_feedback_organisation_id_occurrence_id_person_id_pk" PRIMARY KEY("organisation_id","occurrence_id","person_id"),
	CONSTRAINT "activity_feedback_score_check" CHECK ("activity_feedback"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "activity_types" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_types_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "attendance_marks" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	"marked_at" timestamp with time zone NOT NULL,
	"marked_by" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_marks_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"place_id" uuid,
	"person_id" uuid,
	"token_hash" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "calendar_feeds_subject_check" CHECK (("calendar_feeds"."place_id" is null) <> ("calendar_feeds"."person_id" is null))
);
--> statement-breakpoint
CREATE TABLE "occurrences" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"activity_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"series_date" date NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"changed" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "occurrences_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "occurrences_times_check" CHECK ("occurrences"."ends_at" > "occurrences"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "registrations" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"occurrence_id" uuid NOT NULL,
	"person_id" uuid,
	"guest_name" text,
	"guest_organisation" text,
	"guest_email" text,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_at" timestamp with time zone,
	"attendance_marked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registrations_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "registrations_who_check" CHECK ("registrations"."person_id" is not null or ("registrations"."guest_name" is not null and "registrations"."guest_email" is not null))
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_type_id_activity_types_organisation_id_id_fk" FOREIGN KEY ("organisation_id","type_id") REFERENCES "public"."activity_types"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_facilitators" ADD CONSTRAINT "activity_facilitators_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_facilitators" ADD CONSTRAINT "activity_facilitators_organisation_id_activity_id_activities_organisation_id_id_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activities"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_facilitators" ADD CONSTRAINT "activity_facilitators_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_feedback" ADD CONSTRAINT "activity_feedback_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_feedback" ADD CONSTRAINT "activity_feedback_organisation_id_occurrence_id_occurrences_organisation_id_id_fk" FOREIGN KEY ("organisation_id","occurrence_id") REFERENCES "public"."occurrences"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_feedback" ADD CONSTRAINT "activity_feedback_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_types" ADD CONSTRAINT "activity_types_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_organisation_id_occurrence_id_occurrences_organisation_id_id_fk" FOREIGN KEY ("organisation_id","occurrence_id") REFERENCES "public"."occurrences"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_marks" ADD CONSTRAINT "attendance_marks_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occurrences" ADD CONSTRAINT "occurrences_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occurrences" ADD CONSTRAINT "occurrences_organisation_id_activity_id_activities_organisation_id_id_fk" FOREIGN KEY ("organisation_id","activity_id") REFERENCES "public"."activities"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occurrences" ADD CONSTRAINT "occurrences_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_organisation_id_occurrence_id_occurrences_organisation_id_id_fk" FOREIGN KEY ("organisation_id","occurrence_id") REFERENCES "public"."occurrences"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activities_public_slug_key" ON "activities" USING btree ("public_slug");--> statement-breakpoint
CREATE INDEX "activity_facilitators_person_idx" ON "activity_facilitators" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_types_name_key" ON "activity_types" USING btree ("organisation_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "activity_types_key_key" ON "activity_types" USING btree ("organisation_id","key") WHERE "activity_types"."key" is not null;--> statement-breakpoint
CREATE INDEX "attendance_marks_occurrence_idx" ON "attendance_marks" USING btree ("organisation_id","occurrence_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feeds_token_key" ON "calendar_feeds" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "occurrences_series_key" ON "occurrences" USING btree ("organisation_id","activity_id","series_date");--> statement-breakpoint
CREATE INDEX "occurrences_calendar_idx" ON "occurrences" USING btree ("organisation_id","place_id","starts_at");--> statement-breakpoint
CREATE INDEX "occurrences_starts_idx" ON "occurrences" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_person_key" ON "registrations" USING btree ("organisation_id","occurrence_id","person_id") WHERE "registrations"."person_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "registrations_guest_key" ON "registrations" USING btree ("organisation_id","occurrence_id",lower("guest_email")) WHERE "registrations"."person_id" is null;--> statement-breakpoint
CREATE INDEX "registrations_person_idx" ON "registrations" USING btree ("organisation_id","person_id");