CREATE TABLE "matching_concepts" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text DEFAULT 'skill' NOT NULL,
	"labels" jsonb NOT NULL,
	"synonyms" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"broader" text,
	"esco_uri" text,
	"description" text,
	"source" text DEFAULT 'admin' NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_concepts_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "matching_embeddings" (
	"organisation_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"model" text NOT NULL,
	"vector" real[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matching_embeddings_organisation_id_model_text_hash_pk" PRIMARY KEY("organisation_id","model","text_hash")
);
--> statement-breakpoint
ALTER TABLE "matching_concepts" ADD CONSTRAINT "matching_concepts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_embeddings" ADD CONSTRAINT "matching_embeddings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "matching_concepts_esco_uri_key" ON "matching_concepts" USING btree ("organisation_id","esco_uri");--> statement-breakpoint
CREATE INDEX "matching_concepts_updated_idx" ON "matching_concepts" USING btree ("organisation_id","updated_at");