-- Row-level security for assessment_progress, as in 0008: the application only reads it; the
-- functions below (owned by the migration owner, so they see every organisation's rows) write it.
ALTER TABLE assessment_progress ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_boundary ON assessment_progress TO schakel_app
  USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id());
--> statement-breakpoint
GRANT SELECT ON assessment_progress TO schakel_app;
--> statement-breakpoint
-- The progress rows of one organisation, narrowed to one pathway, instrument and assessor role
-- when given (null: all), recomputed from assessments and assessment_scores: per pathway,
-- instrument, domain and assessor role the first score (smallest day * 100 + level), the last
-- (largest), how many, and every code in order.
CREATE FUNCTION refresh_assessment_progress_of(org uuid, pathway uuid, instrument uuid, role text) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM assessment_progress ap
  WHERE ap.organisation_id = org
    AND (pathway IS NULL OR ap.pathway_id = pathway)
    AND (instrument IS NULL OR ap.instrument_id = instrument)
    AND (role IS NULL OR ap.assessor_role = role);
  INSERT INTO assessment_progress (organisation_id, pathway_id, instrument_id, domain_key, assessor_role,
    first_on, first_level, last_on, last_level, count, codes)
  SELECT org, g.pathway_id, g.instrument_id, g.domain_key, g.assessor_role,
    date '2000-01-01' + (g.f / 100)::integer, (g.f % 100)::smallint,
    date '2000-01-01' + (g.l / 100)::integer, (g.l % 100)::smallint, g.k, g.codes
  FROM (
    SELECT a.pathway_id, a.instrument_id, sc.domain_key, a.assessor_role,
      min(c.code) AS f, max(c.code) AS l, count(*)::integer AS k, array_agg(c.code ORDER BY c.code) AS codes
    FROM assessments a
    JOIN assessment_scores sc ON sc.organisation_id = a.organisation_id AND sc.assessment_id = a.id
    CROSS JOIN LATERAL (SELECT (a.assessed_on - date '2000-01-01')::bigint * 100 + sc.level AS code) c
    WHERE a.organisation_id = org
      AND (pathway IS NULL OR a.pathway_id = pathway)
      AND (instrument IS NULL OR a.instrument_id = instrument)
      AND (role IS NULL OR a.assessor_role = role)
    GROUP BY a.pathway_id, a.instrument_id, sc.domain_key, a.assessor_role
  ) g;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
-- One pathway's scores on one instrument by one role: what every trigger below calls. Refreshes
-- of one pathway take turns, so that a second transaction deletes the rows the first wrote.
CREATE FUNCTION refresh_assessment_progress_one(org uuid, pathway uuid, instrument uuid, role text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF org IS NULL OR pathway IS NULL OR instrument IS NULL OR role IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('assessment_progress:' || org::text || ':' || pathway::text, 0));
  PERFORM refresh_assessment_progress_of(org, pathway, instrument, role);
END $$;
--> statement-breakpoint
-- Every row of an organisation (the backfill below, and after a bulk load that ran with
-- schakel.assessment_progress = 'deferred'): hash joins in memory. Returns the rows written.
CREATE FUNCTION refresh_assessment_progress(org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET enable_nestloop = off SET work_mem = '256MB' AS $$
BEGIN
  RETURN refresh_assessment_progress_of(org, NULL, NULL, NULL);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_assessment_progress_of(uuid, uuid, uuid, text), refresh_assessment_progress_one(uuid, uuid, uuid, text),
  refresh_assessment_progress(uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE FUNCTION assessment_progress_deferred() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('schakel.assessment_progress', true), '') = 'deferred' $$;
--> statement-breakpoint
-- An assessment moved (another day, pathway, instrument or role) or deleted: refresh where it
-- was and where it is. (A deleted assessment's scores go with it; their own trigger then finds
-- no assessment and does nothing.)
CREATE FUNCTION assessment_progress_assessment_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF assessment_progress_deferred() THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM refresh_assessment_progress_one(OLD.organisation_id, OLD.pathway_id, OLD.instrument_id, OLD.assessor_role);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.organisation_id, NEW.pathway_id, NEW.instrument_id, NEW.assessor_role)
      IS DISTINCT FROM (OLD.organisation_id, OLD.pathway_id, OLD.instrument_id, OLD.assessor_role)) THEN
    PERFORM refresh_assessment_progress_one(NEW.organisation_id, NEW.pathway_id, NEW.instrument_id, NEW.assessor_role);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION assessment_progress_score_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  a record;
BEGIN
  IF assessment_progress_deferred() THEN RETURN NULL; END IF;
  FOR a IN
    SELECT DISTINCT x.organisation_id, x.pathway_id, x.instrument_id, x.assessor_role FROM assessments x
    WHERE (TG_OP <> 'INSERT' AND x.organisation_id = OLD.organisation_id AND x.id = OLD.assessment_id)
      OR (TG_OP <> 'DELETE' AND x.organisation_id = NEW.organisation_id AND x.id = NEW.assessment_id)
  LOOP
    PERFORM refresh_assessment_progress_one(a.organisation_id, a.pathway_id, a.instrument_id, a.assessor_role);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessment_progress_refresh AFTER INSERT OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessment_progress_assessment_changed();
--> statement-breakpoint
CREATE TRIGGER assessment_progress_refresh_update AFTER UPDATE ON assessments
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.instrument_id, OLD.assessor_role, OLD.assessed_on)
    IS DISTINCT FROM (NEW.pathway_id, NEW.instrument_id, NEW.assessor_role, NEW.assessed_on))
  EXECUTE FUNCTION assessment_progress_assessment_changed();
--> statement-breakpoint
CREATE TRIGGER assessment_progress_refresh AFTER INSERT OR DELETE ON assessment_scores
  FOR EACH ROW EXECUTE FUNCTION assessment_progress_score_changed();
--> statement-breakpoint
CREATE TRIGGER assessment_progress_refresh_update AFTER UPDATE ON assessment_scores
  FOR EACH ROW WHEN ((OLD.assessment_id, OLD.domain_key, OLD.level) IS DISTINCT FROM (NEW.assessment_id, NEW.domain_key, NEW.level))
  EXECUTE FUNCTION assessment_progress_score_changed();
--> statement-breakpoint
-- The progress of the assessments already there.
SELECT refresh_assessment_progress(id) FROM organisations;
