-- Row-level security for the activities tables, as in 0001: the organisation boundary for schakel_app.
-- Two lookups cross organisations and run as the owner, narrowly: a public event by its slug and a
-- calendar feed by its token hash (both unique across organisations); see activities/repo.ts.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['activity_types','activities','activity_facilitators','occurrences','registrations',
                           'attendance_marks','activity_feedback','calendar_feeds']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Ticks from the door are append-only: the app adds and reads them, never changes or removes one.
REVOKE UPDATE, DELETE ON attendance_marks FROM schakel_app;
