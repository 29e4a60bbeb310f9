CREATE TABLE "research_export_keys" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"label" text NOT NULL,
	"secret" text NOT NULL,
	"fingerprint" text NOT NULL,
	"created_by" uuid,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "research_export_keys_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "research_export_keys" ADD CONSTRAINT "research_export_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "research_export_keys" ADD CONSTRAINT "research_export_keys_organisation_id_created_by_accounts_organisation_id_id_fk" FOREIGN KEY ("organisation_id","created_by") REFERENCES "public"."accounts"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "research_export_keys_label_key" ON "research_export_keys" USING btree ("organisation_id",lower("label")) WHERE "research_export_keys"."retired_at" is null;