-- Refreshes of one participant's ESF+ records take turns (two writes at the same moment).
CREATE OR REPLACE FUNCTION refresh_esf_record(org uuid, participant uuid, programme uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF org IS NULL OR participant IS NULL OR programme IS NULL THEN RETURN; END IF;
  -- One refresh of a participant at a time: a second transaction waits for the first to commit,
  -- then deletes the rows the first wrote (its DELETE starts after the lock, so it sees them)
  -- instead of failing on esf_records_key with rows it could not see.
  PERFORM pg_advisory_xact_lock(hashtextextended('esf_records:' || org::text || ':' || participant::text, 0));
  PERFORM refresh_esf_records_of(org, participant, programme);
END $$;
