-- Row-level security for esf_records, as in 0008: the application only reads it; the functions
-- below (owned by the migration owner, so they see every organisation's rows) write it.
ALTER TABLE esf_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_boundary ON esf_records TO schakel_app
  USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id());
--> statement-breakpoint
GRANT SELECT ON esf_records TO schakel_app;
--> statement-breakpoint
-- The ESF+ records of one organisation, narrowed to one participant and/or one programme when
-- given (null: all), recomputed from the pathway tables with the report's rules
-- (docs/esf-indicators.md): of a participant's started pathways in a programme, ordered by
-- started_on then id, the first gives the entry date and the entry data, the last the exit date,
-- its events in the 28 days from the exit and its follow-up. One row over all the programme's
-- pathways (place_id null) and one per place over the pathways at that place.
-- Custom plans, so that a refresh of one participant uses the participant index.
CREATE FUNCTION refresh_esf_records_of(org uuid, participant uuid, programme uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  n integer;
BEGIN
  DELETE FROM esf_records r
  WHERE r.organisation_id = org
    AND (participant IS NULL OR r.participant_id = participant)
    AND (programme IS NULL OR r.programme_id = programme);
  WITH ps AS MATERIALIZED (
    SELECT p.participant_id, p.programme_id, p.place_id, p.id, p.started_on, p.ended_on
    FROM pathways p
    WHERE p.organisation_id = org AND p.started_on IS NOT NULL AND p.programme_id IS NOT NULL
      AND (participant IS NULL OR p.participant_id = participant)
      AND (programme IS NULL OR p.programme_id = programme)
  ),
  pw AS (
    SELECT participant_id, programme_id, NULL::uuid AS place_id, id, started_on, ended_on FROM ps
    UNION ALL
    SELECT participant_id, programme_id, place_id, id, started_on, ended_on FROM ps WHERE place_id IS NOT NULL
  ),
  rec AS (
    SELECT * FROM (
      SELECT participant_id, programme_id, place_id, id AS last_id, ended_on AS exit_date,
        first_value(id) OVER w AS first_id, first_value(started_on) OVER w AS entry_date,
        (lead(id) OVER w) IS NULL AS is_last
      FROM pw
      WINDOW w AS (PARTITION BY programme_id, place_id, participant_id ORDER BY started_on, id)
    ) ordered
    WHERE is_last
  ),
  -- 4 × day + rank of the last labour-market event in the window, so % 4 gives its kind (on the
  -- same day work, 2, wins over job searching, 1); education and qualification are not ranked.
  ev AS (
    SELECT e.pathway_id,
      max((e.occurred_on - date '1900-01-01') * 4
        + CASE e.type WHEN 'job-searching' THEN 1 WHEN 'employment' THEN 2 WHEN 'self-employment' THEN 2 END) AS labour_market,
      bool_or(e.type = 'education-training') AS education,
      bool_or(e.type = 'qualification') AS qualification
    FROM pathway_events e
    JOIN ps ON ps.id = e.pathway_id
    WHERE e.organisation_id = org AND ps.ended_on IS NOT NULL
      AND e.occurred_on BETWEEN ps.ended_on AND ps.ended_on + 28
    GROUP BY e.pathway_id
  )
  INSERT INTO esf_records (organisation_id, programme_id, place_id, participant_id, entry_date, exit_date,
    gender, age_at_entry, employment_at_entry, unemployed_over_6_months, unemployed_over_12_months, isced,
    disability, third_country_national, foreign_background, minority, homeless, rural,
    event_upon_leaving, status_upon_leaving, education_upon_leaving, qualification_upon_leaving,
    follow_up_done, follow_up_employed, follow_up_improved)
  SELECT org, rec.programme_id, rec.place_id, rec.participant_id, rec.entry_date, rec.exit_date,
    d.gender,
    -- completed years: age() lowers the year when (month, day) of entry comes before the birthday's
    date_part('year', age(rec.entry_date, pe.birth_date))::smallint,
    d.employment_at_entry,
    rec.entry_date > d.unemployed_since + interval '6 months',
    rec.entry_date > d.unemployed_since + interval '12 months',
    d.isced, d.disability, d.third_country_national, d.foreign_background, d.minority, d.homeless, d.rural,
    ev.pathway_id IS NOT NULL,
    CASE ev.labour_market % 4 WHEN 1 THEN 'job-searching' WHEN 2 THEN 'employment' END,
    coalesce(ev.education, false), coalesce(ev.qualification, false),
    f.done_on IS NOT NULL AND f.employed IS NOT NULL, f.employed, f.improved_situation
  FROM rec
  JOIN people pe ON pe.organisation_id = org AND pe.id = rec.participant_id
  LEFT JOIN pathway_entry_data d ON d.organisation_id = org AND d.pathway_id = rec.first_id
  LEFT JOIN follow_ups f ON f.organisation_id = org AND f.pathway_id = rec.last_id
  LEFT JOIN ev ON ev.pathway_id = rec.last_id
  ORDER BY rec.programme_id, rec.place_id NULLS FIRST, rec.participant_id;
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END $$;
--> statement-breakpoint
-- One participant in one programme: what every trigger below calls.
CREATE FUNCTION refresh_esf_record(org uuid, participant uuid, programme uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF org IS NULL OR participant IS NULL OR programme IS NULL THEN RETURN; END IF;
  PERFORM refresh_esf_records_of(org, participant, programme);
END $$;
--> statement-breakpoint
-- Every record of an organisation (the backfill below, and after a bulk load that ran with
-- schakel.esf_records = 'deferred'). Returns the number of rows written.
CREATE FUNCTION refresh_esf_records(org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN refresh_esf_records_of(org, NULL, NULL);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_esf_records_of(uuid, uuid, uuid), refresh_esf_record(uuid, uuid, uuid), refresh_esf_records(uuid) FROM PUBLIC;
--> statement-breakpoint
-- A bulk load may set schakel.esf_records = 'deferred' for its session and call
-- refresh_esf_records(org) at the end: one set-based pass instead of one refresh per row.
CREATE FUNCTION esf_records_deferred() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('schakel.esf_records', true), '') = 'deferred' $$;
--> statement-breakpoint
CREATE FUNCTION esf_records_pathway_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF esf_records_deferred() THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM refresh_esf_record(OLD.organisation_id, OLD.participant_id, OLD.programme_id);
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND (NEW.organisation_id, NEW.participant_id, NEW.programme_id)
      IS DISTINCT FROM (OLD.organisation_id, OLD.participant_id, OLD.programme_id)) THEN
    PERFORM refresh_esf_record(NEW.organisation_id, NEW.participant_id, NEW.programme_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Entry data, events and follow-ups belong to a pathway: refresh its participant in its programme.
-- (When the pathway itself is deleted, the cascade finds no pathway and the pathway's own
-- trigger does the refresh.)
CREATE FUNCTION esf_records_pathway_part_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  p record;
BEGIN
  IF esf_records_deferred() THEN RETURN NULL; END IF;
  FOR p IN
    SELECT DISTINCT pw.organisation_id, pw.participant_id, pw.programme_id FROM pathways pw
    WHERE pw.programme_id IS NOT NULL AND (
      (TG_OP <> 'INSERT' AND pw.organisation_id = OLD.organisation_id AND pw.id = OLD.pathway_id)
      OR (TG_OP <> 'DELETE' AND pw.organisation_id = NEW.organisation_id AND pw.id = NEW.pathway_id))
  LOOP
    PERFORM refresh_esf_record(p.organisation_id, p.participant_id, p.programme_id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A corrected birth date changes the age at entry in every programme of the participant.
CREATE FUNCTION esf_records_person_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  programme uuid;
BEGIN
  IF esf_records_deferred() THEN RETURN NULL; END IF;
  FOR programme IN
    SELECT DISTINCT pw.programme_id FROM pathways pw
    WHERE pw.organisation_id = NEW.organisation_id AND pw.participant_id = NEW.id AND pw.programme_id IS NOT NULL
  LOOP
    PERFORM refresh_esf_record(NEW.organisation_id, NEW.id, programme);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh AFTER INSERT OR DELETE ON pathways
  FOR EACH ROW EXECUTE FUNCTION esf_records_pathway_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh_update AFTER UPDATE ON pathways
  FOR EACH ROW WHEN ((OLD.participant_id, OLD.programme_id, OLD.place_id, OLD.started_on, OLD.ended_on)
    IS DISTINCT FROM (NEW.participant_id, NEW.programme_id, NEW.place_id, NEW.started_on, NEW.ended_on))
  EXECUTE FUNCTION esf_records_pathway_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh AFTER INSERT OR DELETE ON pathway_entry_data
  FOR EACH ROW EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh_update AFTER UPDATE ON pathway_entry_data
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.gender, OLD.isced, OLD.employment_at_entry, OLD.unemployed_since, OLD.disability,
      OLD.minority, OLD.foreign_background, OLD.third_country_national, OLD.homeless, OLD.rural)
    IS DISTINCT FROM (NEW.pathway_id, NEW.gender, NEW.isced, NEW.employment_at_entry, NEW.unemployed_since, NEW.disability,
      NEW.minority, NEW.foreign_background, NEW.third_country_national, NEW.homeless, NEW.rural))
  EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh AFTER INSERT OR DELETE ON pathway_events
  FOR EACH ROW EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh_update AFTER UPDATE ON pathway_events
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.occurred_on, OLD.type) IS DISTINCT FROM (NEW.pathway_id, NEW.occurred_on, NEW.type))
  EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh AFTER INSERT OR DELETE ON follow_ups
  FOR EACH ROW EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh_update AFTER UPDATE ON follow_ups
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.done_on, OLD.employed, OLD.improved_situation)
    IS DISTINCT FROM (NEW.pathway_id, NEW.done_on, NEW.employed, NEW.improved_situation))
  EXECUTE FUNCTION esf_records_pathway_part_changed();
--> statement-breakpoint
CREATE TRIGGER esf_records_refresh_birth_date AFTER UPDATE OF birth_date ON people
  FOR EACH ROW WHEN (OLD.birth_date IS DISTINCT FROM NEW.birth_date)
  EXECUTE FUNCTION esf_records_person_changed();
--> statement-breakpoint
-- The records of the data already there.
SELECT refresh_esf_records(id) FROM organisations;
