-- network_links carries the place, programme and dates of the pathway a link belongs to (0036),
-- so that the dashboard picks the links of its pathways without joining pathways: the refresh
-- (0033) writes them, and a pathway that moves place or programme, starts or ends refreshes its
-- links, as a change of participant already did.
CREATE OR REPLACE FUNCTION refresh_network_links_of(org uuid, k text, src uuid) RETURNS integer
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
DROP TRIGGER network_links_refresh_update ON pathways;
--> statement-breakpoint
CREATE TRIGGER network_links_refresh_update AFTER UPDATE ON pathways
  FOR EACH ROW WHEN ((OLD.participant_id, OLD.place_id, OLD.programme_id, OLD.started_on, OLD.ended_on)
    IS DISTINCT FROM (NEW.participant_id, NEW.place_id, NEW.programme_id, NEW.started_on, NEW.ended_on))
  EXECUTE FUNCTION network_links_pathway_changed();
--> statement-breakpoint
-- The links already there.
SELECT refresh_network_links(id) FROM organisations;
