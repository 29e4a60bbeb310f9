CREATE TABLE "public_signup_attempts" (
	"organisation_id" uuid NOT NULL,
	"address_hash" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "public_signup_attempts_organisation_id_address_hash_window_start_pk" PRIMARY KEY("organisation_id","address_hash","window_start")
);
--> statement-breakpoint
ALTER TABLE "registrations" ADD COLUMN "guest_locale" text;--> statement-breakpoint
ALTER TABLE "public_signup_attempts" ADD CONSTRAINT "public_signup_attempts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "public_signup_attempts_window_idx" ON "public_signup_attempts" USING btree ("organisation_id","window_start");