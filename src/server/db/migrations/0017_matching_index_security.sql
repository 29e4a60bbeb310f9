-- Row-level security for the matching index and place locations, as in 0006: the organisation boundary for schakel_app.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['matching_index_items','matching_index_terms','place_locations']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
