CREATE TABLE "dreams" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"text" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dreams_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "match_events" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"match_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"side" text,
	"actor_account_id" uuid,
	"note" text,
	"met" boolean,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "match_events_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"place_id" uuid,
	"proposed_by" uuid,
	"status" text DEFAULT 'proposed' NOT NULL,
	"requester_answer" text DEFAULT 'pending' NOT NULL,
	"offerer_answer" text DEFAULT 'pending' NOT NULL,
	"score" real,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"connected_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "matching_items" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"side" text NOT NULL,
	"kind" text DEFAULT 'skill' NOT NULL,
	"owner_type" text NOT NULL,
	"person_id" uuid,
	"partner_id" uuid,
	"place_id" uuid,
	"dream_id" uuid,
	"text" text NOT NULL,
	"lang" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_items_organisation_id_id_pk" PRIMARY KEY("organisation_id","id"),
	CONSTRAINT "matching_items_owner" CHECK (("matching_items"."owner_type" = 'person' and "matching_items"."person_id" is not null and "matching_items"."partner_id" is null)
        or ("matching_items"."owner_type" = 'partner' and "matching_items"."partner_id" is not null and "matching_items"."person_id" is null and "matching_items"."side" = 'offer')
        or ("matching_items"."owner_type" = 'place' and "matching_items"."place_id" is not null and "matching_items"."person_id" is null and "matching_items"."partner_id" is null and "matching_items"."side" = 'offer')),
	CONSTRAINT "matching_items_dream" CHECK ("matching_items"."dream_id" is null or "matching_items"."side" = 'request')
);
--> statement-breakpoint
CREATE TABLE "strength_profiles" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"talents" text[] DEFAULT '{}'::text[] NOT NULL,
	"likes" text[] DEFAULT '{}'::text[] NOT NULL,
	"experience" text,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"dreams" text,
	"visibility" text DEFAULT 'place-staff' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "strength_profiles_organisation_id_person_id_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "dreams" ADD CONSTRAINT "dreams_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dreams" ADD CONSTRAINT "dreams_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_events" ADD CONSTRAINT "match_events_organisation_id_match_id_matches_organisation_id_id_fk" FOREIGN KEY ("organisation_id","match_id") REFERENCES "public"."matches"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_organisation_id_request_id_matching_items_organisation_id_id_fk" FOREIGN KEY ("organisation_id","request_id") REFERENCES "public"."matching_items"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_organisation_id_offer_id_matching_items_organisation_id_id_fk" FOREIGN KEY ("organisation_id","offer_id") REFERENCES "public"."matching_items"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_organisation_id_partner_id_partners_organisation_id_id_fk" FOREIGN KEY ("organisation_id","partner_id") REFERENCES "public"."partners"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_organisation_id_place_id_places_organisation_id_id_fk" FOREIGN KEY ("organisation_id","place_id") REFERENCES "public"."places"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_items" ADD CONSTRAINT "matching_items_organisation_id_dream_id_dreams_organisation_id_id_fk" FOREIGN KEY ("organisation_id","dream_id") REFERENCES "public"."dreams"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strength_profiles" ADD CONSTRAINT "strength_profiles_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strength_profiles" ADD CONSTRAINT "strength_profiles_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dreams_person_idx" ON "dreams" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "match_events_match_idx" ON "match_events" USING btree ("organisation_id","match_id","at");--> statement-breakpoint
CREATE INDEX "match_events_kind_at_idx" ON "match_events" USING btree ("organisation_id","kind","at");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_live_pair_key" ON "matches" USING btree ("organisation_id","request_id","offer_id") WHERE "matches"."status" in ('proposed', 'connected', 'followed-up');--> statement-breakpoint
CREATE INDEX "matches_request_idx" ON "matches" USING btree ("organisation_id","request_id");--> statement-breakpoint
CREATE INDEX "matches_offer_idx" ON "matches" USING btree ("organisation_id","offer_id");--> statement-breakpoint
CREATE INDEX "matches_place_idx" ON "matches" USING btree ("organisation_id","place_id","status");--> statement-breakpoint
CREATE INDEX "matching_items_open_idx" ON "matching_items" USING btree ("organisation_id","side","status");--> statement-breakpoint
CREATE INDEX "matching_items_person_idx" ON "matching_items" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "matching_items_place_idx" ON "matching_items" USING btree ("organisation_id","place_id");