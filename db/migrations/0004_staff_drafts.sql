CREATE TABLE "staff_drafts" (
	"user_id" uuid NOT NULL,
	"form_key" text NOT NULL,
	"values_ciphertext" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_drafts_user_id_form_key_pk" PRIMARY KEY("user_id","form_key"),
	CONSTRAINT "staff_drafts_form_key_shape" CHECK ("staff_drafts"."form_key" ~ '^[a-z][a-z0-9-]{0,39}:[0-9a-z-]{1,80}$')
);
--> statement-breakpoint
ALTER TABLE "staff_drafts" ADD CONSTRAINT "staff_drafts_user_id_staff_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_drafts_saved_at_idx" ON "staff_drafts" USING btree ("saved_at");