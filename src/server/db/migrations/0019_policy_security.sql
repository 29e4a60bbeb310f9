-- Row-level security for the policy tables (barriers, proposals, steering group, stories), as in 0008.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['policy_barriers','policy_barrier_supports','policy_barrier_events','policy_proposals',
                           'policy_proposal_barriers','policy_meetings','policy_meeting_members','policy_agenda_items','policy_stories']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- A barrier's history is append-only: nothing of what was raised, merged or answered is rewritten.
REVOKE UPDATE, DELETE ON policy_barrier_events FROM schakel_app;
--> statement-breakpoint
-- Barriers are never deleted (a merge keeps the merged ones).
REVOKE DELETE ON policy_barriers FROM schakel_app;
