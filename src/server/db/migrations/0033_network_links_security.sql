-- Row-level security for network_links, as for assessment_progress (0030): the application only
-- reads it; the functions below (owned by the migration owner, so they see every organisation's
-- rows) write it.
ALTER TABLE network_links ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_boundary ON network_links TO schakel_app
  USING (organisation_id = app_organisation_id()) WITH CHECK (organisation_id = app_organisation_id());
--> statement-breakpoint
GRANT SELECT ON network_links TO schakel_app;
--> statement-breakpoint
-- The links of one organisation, narrowed to one kind and one source (a match, referral out, team
-- row, cohort or referral in) when given (null: all), recomputed from the tables they come from;
-- then, for every pair whose links changed, when that pair was first linked and whether by a
-- referral in, written on each of its links. A link of a pathway carries the pathway's place,
-- programme and dates, so that the dashboard picks the links of its pathways without joining
-- pathways. Days are Brussels days, as staff count them.
-- Returns the links written.
CREATE FUNCTION refresh_network_links_of(org uuid, k text, src uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  n integer;
  aa uuid[];
  bb uuid[];
  pp boolean[];
BEGIN
  WITH gone AS (
    DELETE FROM network_links l
    WHERE l.organisation_id = org AND (k IS NULL OR l.kind = k) AND (src IS NULL OR l.source_id = src)
    RETURNING l.end_a, l.end_b, l.partner
  ), added AS (
    INSERT INTO network_links (organisation_id, kind, source_id, end_a, end_b, partner, person_id, pathway_id, other_pathway_id, place_id,
      programme_id, started_on, ended_on, on_date)
    SELECT org, 'match', m.id,
      CASE WHEN o.partner_id IS NOT NULL THEN q.person_id ELSE least(q.person_id, o.person_id) END,
      CASE WHEN o.partner_id IS NOT NULL THEN o.partner_id ELSE greatest(q.person_id, o.person_id) END,
      o.partner_id IS NOT NULL, q.person_id, NULL::uuid, NULL::uuid, m.place_id, NULL::uuid, NULL::date, NULL::date,
      (m.connected_at AT TIME ZONE 'Europe/Brussels')::date
    FROM matches m
    JOIN matching_items q ON q.organisation_id = m.organisation_id AND q.id = m.request_id
    JOIN matching_items o ON o.organisation_id = m.organisation_id AND o.id = m.offer_id
    WHERE (k IS NULL OR k = 'match') AND m.organisation_id = org AND (src IS NULL OR m.id = src)
      AND m.connected_at IS NOT NULL AND q.person_id IS NOT NULL
      AND (o.partner_id IS NOT NULL OR (o.person_id IS NOT NULL AND o.person_id <> q.person_id))
    UNION ALL
    SELECT org, 'referral-out', ro.id, p.participant_id, ro.partner_id, true, p.participant_id, p.id, NULL::uuid, p.place_id,
      p.programme_id, p.started_on, p.ended_on,
      (coalesce(ro.sent_at, ro.created_at) AT TIME ZONE 'Europe/Brussels')::date
    FROM referrals_out ro
    JOIN pathways p ON p.organisation_id = ro.organisation_id AND p.id = ro.pathway_id
    WHERE (k IS NULL OR k = 'referral-out') AND ro.organisation_id = org AND (src IS NULL OR ro.id = src)
      AND ro.status IN ('sent', 'accepted', 'started', 'completed')
    UNION ALL
    SELECT org, 'team', tm.id, p.participant_id, tm.partner_id, true, p.participant_id, p.id, NULL::uuid, p.place_id,
      p.programme_id, p.started_on, p.ended_on, tm.joined_on
    FROM pathway_team tm
    JOIN pathways p ON p.organisation_id = tm.organisation_id AND p.id = tm.pathway_id
    WHERE (k IS NULL OR k = 'team') AND tm.organisation_id = org AND (src IS NULL OR tm.id = src)
      AND tm.partner_id IS NOT NULL
    UNION ALL
    SELECT org, 'cohort', cx.cohort_id, x.participant_id, y.participant_id, false, x.participant_id, x.id, y.id, x.place_id,
      x.programme_id, x.started_on, x.ended_on, greatest(cx.joined_on, cy.joined_on)
    FROM cohort_members cx
    JOIN pathways x ON x.organisation_id = cx.organisation_id AND x.id = cx.pathway_id
    JOIN cohort_members cy ON cy.organisation_id = cx.organisation_id AND cy.cohort_id = cx.cohort_id AND cy.pathway_id <> cx.pathway_id
    JOIN pathways y ON y.organisation_id = cy.organisation_id AND y.id = cy.pathway_id
    WHERE (k IS NULL OR k = 'cohort') AND cx.organisation_id = org AND (src IS NULL OR cx.cohort_id = src)
      AND x.participant_id < y.participant_id
    UNION ALL
    SELECT org, 'referral-in', ri.id, ri.participant_id, ri.partner_id, true, ri.participant_id, ri.pathway_id, NULL::uuid, ri.place_id,
      NULL::uuid, NULL::date, NULL::date, ri.referred_on
    FROM referrals_in ri
    WHERE (k IS NULL OR k = 'referral-in') AND ri.organisation_id = org AND (src IS NULL OR ri.id = src)
      AND ri.partner_id IS NOT NULL
    RETURNING end_a, end_b, partner
  ), pairs AS (
    SELECT end_a, end_b, partner FROM gone UNION SELECT end_a, end_b, partner FROM added
  )
  SELECT (SELECT count(*) FROM added), array_agg(end_a), array_agg(end_b), array_agg(partner) INTO n, aa, bb, pp FROM pairs;
  IF aa IS NULL THEN RETURN n; END IF;
  UPDATE network_links l SET pair_first_on = f.first_on, pair_first_by_referral_in = f.by_referral_in
  FROM (
    SELECT x.end_a, x.end_b, x.partner, min(x.on_date) AS first_on,
      coalesce(min(x.on_date) FILTER (WHERE x.kind = 'referral-in') = min(x.on_date), false) AS by_referral_in
    FROM network_links x
    JOIN unnest(aa, bb, pp) u(a, b, p) ON x.end_a = u.a AND x.end_b = u.b AND x.partner = u.p
    WHERE x.organisation_id = org
    GROUP BY x.end_a, x.end_b, x.partner
  ) f
  WHERE l.organisation_id = org AND l.end_a = f.end_a AND l.end_b = f.end_b AND l.partner = f.partner
    AND (l.pair_first_on, l.pair_first_by_referral_in) IS DISTINCT FROM (f.first_on, f.by_referral_in);
  RETURN n;
END $$;
--> statement-breakpoint
-- One source's links: what every trigger below calls. A pair's first day depends on links from
-- several sources (a referral out and a team member for the same person and partner), so the
-- refreshes of one organisation take turns: the second sees what the first wrote.
CREATE FUNCTION refresh_network_links_one(org uuid, k text, src uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF org IS NULL OR k IS NULL OR src IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtextextended('network_links:' || org::text, 0));
  PERFORM refresh_network_links_of(org, k, src);
END $$;
--> statement-breakpoint
-- Every link of an organisation (the backfill below, and after a bulk load that ran with
-- schakel.network_links = 'deferred'): hash joins in memory. Returns the rows written.
CREATE FUNCTION refresh_network_links(org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET enable_nestloop = off SET work_mem = '256MB' AS $$
BEGIN
  RETURN refresh_network_links_of(org, NULL, NULL);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION refresh_network_links_of(uuid, text, uuid), refresh_network_links_one(uuid, text, uuid), refresh_network_links(uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE FUNCTION network_links_deferred() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(current_setting('schakel.network_links', true), '') = 'deferred' $$;
--> statement-breakpoint
-- A row of a table that is itself one source (a match, a referral out or in, a team row) changed.
CREATE FUNCTION network_links_source_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF network_links_deferred() THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_network_links_one(OLD.organisation_id, TG_ARGV[0], OLD.id); END IF;
  IF TG_OP = 'INSERT' THEN PERFORM refresh_network_links_one(NEW.organisation_id, TG_ARGV[0], NEW.id); END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A cohort member joined, left or moved: the cohort's pairs, where it was and where it is.
CREATE FUNCTION network_links_cohort_member_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF network_links_deferred() THEN RETURN NULL; END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM refresh_network_links_one(OLD.organisation_id, 'cohort', OLD.cohort_id); END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.cohort_id IS DISTINCT FROM OLD.cohort_id) THEN
    PERFORM refresh_network_links_one(NEW.organisation_id, 'cohort', NEW.cohort_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A matching item's owner changed: the connected matches it is part of.
CREATE FUNCTION network_links_matching_item_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m record;
BEGIN
  IF network_links_deferred() THEN RETURN NULL; END IF;
  FOR m IN SELECT x.id FROM matches x WHERE x.organisation_id = NEW.organisation_id AND (x.request_id = NEW.id OR x.offer_id = NEW.id) AND x.connected_at IS NOT NULL LOOP
    PERFORM refresh_network_links_one(NEW.organisation_id, 'match', m.id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A pathway's participant, place, programme or dates changed: every link that names the pathway.
CREATE FUNCTION network_links_pathway_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s record;
BEGIN
  IF network_links_deferred() THEN RETURN NULL; END IF;
  FOR s IN
    SELECT DISTINCT l.kind, l.source_id FROM network_links l
    WHERE l.organisation_id = NEW.organisation_id AND (l.pathway_id = NEW.id OR l.other_pathway_id = NEW.id)
    UNION SELECT 'referral-out', ro.id FROM referrals_out ro WHERE ro.organisation_id = NEW.organisation_id AND ro.pathway_id = NEW.id
    UNION SELECT 'team', tm.id FROM pathway_team tm WHERE tm.organisation_id = NEW.organisation_id AND tm.pathway_id = NEW.id
    UNION SELECT 'cohort', cm.cohort_id FROM cohort_members cm WHERE cm.organisation_id = NEW.organisation_id AND cm.pathway_id = NEW.id
  LOOP
    PERFORM refresh_network_links_one(NEW.organisation_id, s.kind, s.source_id);
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER network_links_refresh AFTER INSERT OR DELETE ON matches
  FOR EACH ROW EXECUTE FUNCTION network_links_source_changed('match');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON matches
  FOR EACH ROW WHEN ((OLD.request_id, OLD.offer_id, OLD.place_id, OLD.connected_at) IS DISTINCT FROM (NEW.request_id, NEW.offer_id, NEW.place_id, NEW.connected_at))
  EXECUTE FUNCTION network_links_source_changed('match');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON matching_items
  FOR EACH ROW WHEN ((OLD.person_id, OLD.partner_id) IS DISTINCT FROM (NEW.person_id, NEW.partner_id))
  EXECUTE FUNCTION network_links_matching_item_changed();
--> statement-breakpoint
CREATE TRIGGER network_links_refresh AFTER INSERT OR DELETE ON referrals_out
  FOR EACH ROW EXECUTE FUNCTION network_links_source_changed('referral-out');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON referrals_out
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.partner_id, OLD.status, OLD.sent_at) IS DISTINCT FROM (NEW.pathway_id, NEW.partner_id, NEW.status, NEW.sent_at))
  EXECUTE FUNCTION network_links_source_changed('referral-out');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh AFTER INSERT OR DELETE ON pathway_team
  FOR EACH ROW EXECUTE FUNCTION network_links_source_changed('team');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON pathway_team
  FOR EACH ROW WHEN ((OLD.pathway_id, OLD.partner_id, OLD.joined_on) IS DISTINCT FROM (NEW.pathway_id, NEW.partner_id, NEW.joined_on))
  EXECUTE FUNCTION network_links_source_changed('team');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh AFTER INSERT OR DELETE ON referrals_in
  FOR EACH ROW EXECUTE FUNCTION network_links_source_changed('referral-in');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON referrals_in
  FOR EACH ROW WHEN ((OLD.participant_id, OLD.pathway_id, OLD.place_id, OLD.partner_id, OLD.referred_on)
    IS DISTINCT FROM (NEW.participant_id, NEW.pathway_id, NEW.place_id, NEW.partner_id, NEW.referred_on))
  EXECUTE FUNCTION network_links_source_changed('referral-in');
--> statement-breakpoint
CREATE TRIGGER network_links_refresh AFTER INSERT OR DELETE ON cohort_members
  FOR EACH ROW EXECUTE FUNCTION network_links_cohort_member_changed();
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON cohort_members
  FOR EACH ROW WHEN ((OLD.cohort_id, OLD.pathway_id, OLD.joined_on) IS DISTINCT FROM (NEW.cohort_id, NEW.pathway_id, NEW.joined_on))
  EXECUTE FUNCTION network_links_cohort_member_changed();
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON pathways
  FOR EACH ROW WHEN ((OLD.participant_id, OLD.place_id, OLD.programme_id, OLD.started_on, OLD.ended_on)
    IS DISTINCT FROM (NEW.participant_id, NEW.place_id, NEW.programme_id, NEW.started_on, NEW.ended_on))
  EXECUTE FUNCTION network_links_pathway_changed();
--> statement-breakpoint
-- The links already there.
SELECT refresh_network_links(id) FROM organisations;
