CREATE TABLE "matching_index_items" (
	"organisation_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"side" text NOT NULL,
	"lang" text NOT NULL,
	"length" integer NOT NULL,
	"words" text[] NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_index_items_organisation_id_item_id_pk" PRIMARY KEY("organisation_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "matching_index_terms" (
	"organisation_id" uuid NOT NULL,
	"side" text NOT NULL,
	"term" text NOT NULL,
	"item_id" uuid NOT NULL,
	"tf" smallint NOT NULL,
	CONSTRAINT "matching_index_terms_organisation_id_side_term_item_id_pk" PRIMARY KEY("organisation_id","side","term","item_id")
);
--> statement-breakpoint
CREATE TABLE "place_locations" (
	"organisation_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_locations_organisation_id_place_id_pk" PRIMARY KEY("organisation_id","place_id")
);
--> statement-breakpoint
ALTER TABLE "matching_index_items" ADD CONSTRAINT "matching_index_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_index_items" ADD CONSTRAINT "matching_index_items_organisation_id_item_id_matching_items_organisation_id_id_fk" FOREIGN KEY ("organisation_id","item_id") REFERENCES "public"."matching_items"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_index_terms" ADD CONSTRAINT "matching_index_terms_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_index_terms" ADD CONSTRAINT "matching_index_terms_organisation_id_item_id_matching_index_items_organisation_id_item_id_fk" FOREIGN KEY ("organisation_id","item_id") REFERENCES "public"."matching_index_items"("organisation_id","item_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_locations" ADD CONSTRAINT "place_locations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "place_locations" ADD CONSTRAINT "place_locations_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matching_index_items_side_idx" ON "matching_index_items" USING btree ("organisation_id","side");--> statement-breakpoint
CREATE INDEX "matching_index_terms_item_idx" ON "matching_index_terms" USING btree ("organisation_id","item_id");