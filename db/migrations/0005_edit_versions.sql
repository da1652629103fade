ALTER TABLE "practices" ADD COLUMN "settings_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinicians" ADD COLUMN "availability_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_types" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "consultation_records" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;