-- assessment_progress carries its pathway's place, programme and dates (0034), so that the
-- dashboard reads it without joining pathways. The refresh (0030) now writes them too, and a
-- trigger on pathways copies a change to the pathway's rows.
CREATE OR REPLACE FUNCTION refresh_assessment_progress_of(org uuid, pathway uuid, instrument uuid, role text) RETURNS integer
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
    first_on, first_level, last_on, last_level, count, codes, place_id, programme_id, started_on, ended_on)
  SELECT org, g.pathway_id, g.instrument_id, g.domain_key, g.assessor_role,
    date '2000-01-01' + (g.f / 100)::integer, (g.f % 100)::smallint,
    date '2000-01-01' + (g.l / 100)::integer, (g.l % 100)::smallint, g.k, g.codes,
    p.place_id, p.programme_id, p.started_on, p.ended_on
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
  ) g
  JOIN pathways p ON p.organisation_id = org AND p.id = g.pathway_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
-- A pathway moved to another place or programme, started or ended: its progress rows follow. The
-- same lock as refresh_assessment_progress_one, so that a refresh of the same pathway at the same
-- time reads the pathway after this change.
CREATE FUNCTION assessment_progress_pathway_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('assessment_progress:' || NEW.organisation_id::text || ':' || NEW.id::text, 0));
  UPDATE assessment_progress ap
  SET place_id = NEW.place_id, programme_id = NEW.programme_id, started_on = NEW.started_on, ended_on = NEW.ended_on
  WHERE ap.organisation_id = NEW.organisation_id AND ap.pathway_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER assessment_progress_refresh_pathway AFTER UPDATE ON pathways
  FOR EACH ROW WHEN ((OLD.place_id, OLD.programme_id, OLD.started_on, OLD.ended_on)
    IS DISTINCT FROM (NEW.place_id, NEW.programme_id, NEW.started_on, NEW.ended_on))
  EXECUTE FUNCTION assessment_progress_pathway_changed();
--> statement-breakpoint
-- The rows already there.
UPDATE assessment_progress ap
SET place_id = p.place_id, programme_id = p.programme_id, started_on = p.started_on, ended_on = p.ended_on
FROM pathways p
WHERE p.organisation_id = ap.organisation_id AND p.id = ap.pathway_id;
