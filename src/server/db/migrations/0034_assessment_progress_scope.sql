ALTER TABLE "assessment_progress" ADD COLUMN "place_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD COLUMN "programme_id" uuid;--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD COLUMN "started_on" date;--> statement-breakpoint
ALTER TABLE "assessment_progress" ADD COLUMN "ended_on" date;