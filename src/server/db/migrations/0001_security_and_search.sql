-- Row-level security: the organisation boundary enforced underneath the service checks.
-- The app runs tenant work as the role schakel_app (SET LOCAL ROLE) with app.organisation_id set
-- for the transaction; table owners and superusers bypass RLS, so the role must not be either.
-- The owner stays the system context (migrations, sign-in by token, demo data): no FORCE.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'schakel_app') THEN
    CREATE ROLE schakel_app NOLOGIN NOSUPERUSER NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL; -- created meanwhile by a migration of another database on the same server
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO schakel_app;
--> statement-breakpoint
CREATE FUNCTION app_organisation_id() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('app.organisation_id', true), '')::uuid $$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['programmes','funding_lines','places','programme_places','partners','partner_contacts',
                           'people','place_hosts','accounts','role_assignments','sessions','account_tokens','audit_log']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
--> statement-breakpoint
GRANT SELECT ON organisations TO schakel_app;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX people_name_trgm_idx ON people USING gin ((lower(given_name || ' ' || family_name)) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX people_email_trgm_idx ON people USING gin ((lower(coalesce(email, ''))) gin_trgm_ops);
