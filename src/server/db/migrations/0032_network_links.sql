CREATE TABLE "network_links" (
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"end_a" uuid NOT NULL,
	"end_b" uuid NOT NULL,
	"partner" boolean NOT NULL,
	"person_id" uuid NOT NULL,
	"pathway_id" uuid,
	"other_pathway_id" uuid,
	"place_id" uuid,
	"programme_id" uuid,
	"started_on" date,
	"ended_on" date,
	"on_date" date NOT NULL,
	"pair_first_on" date,
	"pair_first_by_referral_in" boolean,
	CONSTRAINT "network_links_people_ordered" CHECK ("network_links"."partner" or "network_links"."end_a" < "network_links"."end_b")
);
--> statement-breakpoint
ALTER TABLE "network_links" ADD CONSTRAINT "network_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_links_source_idx" ON "network_links" USING btree ("organisation_id","kind","source_id");--> statement-breakpoint
CREATE INDEX "network_links_on_idx" ON "network_links" USING btree ("organisation_id","on_date");--> statement-breakpoint
CREATE INDEX "network_links_pair_idx" ON "network_links" USING btree ("organisation_id","end_a","end_b","partner","on_date");