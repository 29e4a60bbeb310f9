-- Row-level security for public_signup_attempts, as in 0008: the organisation boundary for schakel_app.
ALTER TABLE public_signup_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_boundary ON public_signup_attempts TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON public_signup_attempts TO schakel_app;
