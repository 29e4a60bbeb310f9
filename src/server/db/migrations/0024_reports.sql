CREATE TABLE "esf_records" (
	"organisation_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"place_id" uuid,
	"participant_id" uuid NOT NULL,
	"entry_date" date NOT NULL,
	"exit_date" date,
	"gender" text,
	"age_at_entry" smallint,
	"employment_at_entry" text,
	"unemployed_over_6_months" boolean,
	"unemployed_over_12_months" boolean,
	"isced" smallint,
	"disability" text,
	"third_country_national" text,
	"foreign_background" text,
	"minority" text,
	"homeless" text,
	"rural" text,
	"event_upon_leaving" boolean DEFAULT false NOT NULL,
	"status_upon_leaving" text,
	"education_upon_leaving" boolean DEFAULT false NOT NULL,
	"qualification_upon_leaving" boolean DEFAULT false NOT NULL,
	"follow_up_done" boolean DEFAULT false NOT NULL,
	"follow_up_employed" boolean,
	"follow_up_improved" boolean,
	CONSTRAINT "esf_records_key" UNIQUE NULLS NOT DISTINCT("organisation_id","programme_id","place_id","participant_id")
);
--> statement-breakpoint
ALTER TABLE "esf_records" ADD CONSTRAINT "esf_records_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esf_records" ADD CONSTRAINT "esf_records_organisation_id_participant_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","participant_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esf_records" ADD CONSTRAINT "esf_records_organisation_id_programme_id_programmes_organisation_id_id_fk" FOREIGN KEY ("organisation_id","programme_id") REFERENCES "public"."programmes"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esf_records" ADD CONSTRAINT "esf_records_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "esf_records_participant_idx" ON "esf_records" USING btree ("organisation_id","participant_id");