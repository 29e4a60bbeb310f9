ALTER TABLE "network_links" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "network_links" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "network_links" ADD COLUMN "ended_on" date;