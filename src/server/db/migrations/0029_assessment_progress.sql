CREATE TABLE "assessment_progress" (
	"organisation_id" uuid NOT NULL,
	"pathway_id" uuid NOT NULL,
	"instrument_id" uuid NOT NULL,
	"domain_key" text NOT NULL,
	"assessor_role" text NOT NULL,
	"first_on" date NOT NULL,
	"first_level" smallint NOT NULL,
	"last_on" date NOT NULL,
	"last_level" smallint NOT NULL,
	"count" integer NOT NULL,
	"codes" bigint[] NOT NULL,
	CONSTRAINT "assessment_progress_organisation_id_pathway_id_instrument_id_assessor_role_domain_key_pk" PRIMARY KEY("organisation_id","pathway_id","instrument_id","assessor_role","domain_key")
);
--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD CONSTRAINT "assessment_progress_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD CONSTRAINT "assessment_progress_organisation_id_pathway_id_pathways_organisation_id_id_fk" FOREIGN KEY ("organisation_id","pathway_id") REFERENCES "public"."pathways"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD CONSTRAINT "assessment_progress_organisation_id_instrument_id_instruments_organisation_id_id_fk" FOREIGN KEY ("organisation_id","instrument_id") REFERENCES "public"."instruments"("organisation_id","id") ON DELETE cascade ON UPDATE no action;