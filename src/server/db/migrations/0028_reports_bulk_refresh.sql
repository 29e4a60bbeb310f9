-- The bulk refresh of a whole organisation joins every pathway table: hash joins in memory, never
-- nested loops (with tables not analyzed yet, as right after a bulk load, the planner expects a
-- few rows and a nested loop over a million becomes quadratic). The one-participant refresh keeps
-- its index look-ups.
CREATE OR REPLACE FUNCTION refresh_esf_records(org uuid) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET enable_nestloop = off SET work_mem = '256MB' AS $$
BEGIN
  RETURN refresh_esf_records_of(org, NULL, NULL);
END $$;
