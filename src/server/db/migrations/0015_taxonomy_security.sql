-- Row-level security for the taxonomy tables, as in 0001: the organisation boundary for schakel_app.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['matching_concepts','matching_embeddings']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY organisation_boundary ON %I TO schakel_app USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id())', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO schakel_app', t);
  END LOOP;
END $$;
