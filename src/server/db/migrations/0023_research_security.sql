-- Row-level security for the research export keys, as in 0008. Keys are retired, never deleted.
ALTER TABLE research_export_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_boundary ON research_export_keys TO schakel_app
  USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON research_export_keys TO schakel_app;
