-- Row-level security for the pathways tables, as in 0001: the organisation boundary for schakel_app.
-- The follow-up reminder runs as the owner across organisations (like activity reminders).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['pathways','referrals_in','consents','pathway_entry_data','pathway_team','pathway_goals',
                           'pathway_steps','network_snapshots','network_entries','journal_entries','instruments',
                           'assessments','assessment_scores','referrals_out','cohorts','cohort_members',
                           'pathway_events','follow_ups']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- Consent is history: the app withdraws a consent (withdrawn_at), it never deletes one.
REVOKE DELETE ON consents FROM schakel_app;
