-- Name search. Two indexes: words of the name and e-mail for prefix search as you type ("el am"
-- finds El Amrani, Amina), and trigrams (migration 0001) for any part of three letters or more
-- ("amrani" in elamrani@...).
CREATE INDEX people_words_idx ON people USING gin (to_tsvector('simple', given_name || ' ' || family_name || ' ' || coalesce(email, '')));
--> statement-breakpoint
-- ILIKE and @@ are not leakproof, so PostgreSQL will not use these indexes below a row-level
-- security policy and would scan every row. This definer function does the index lookup and
-- returns ids of the current organisation only (it filters by app_organisation_id() itself); the
-- rows are then read as schakel_app, under RLS, by id. `word` is one lower-case search word.
CREATE FUNCTION people_matching(word text) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER ROWS 100 SET search_path = public, pg_temp AS $$
DECLARE
  org uuid := app_organisation_id();
  prefix text := regexp_replace(word, '[^[:alnum:]]+', '', 'g');
  pattern text := '%' || replace(replace(replace(word, '\', '\\'), '%', '\%'), '_', '\_') || '%';
BEGIN
  -- Two plain queries rather than one with OR: each can then use its own index.
  IF prefix <> '' THEN
    RETURN QUERY SELECT p.id FROM people p WHERE p.organisation_id = org
      AND to_tsvector('simple', p.given_name || ' ' || p.family_name || ' ' || coalesce(p.email, '')) @@ to_tsquery('simple', prefix || ':*');
  END IF;
  IF length(word) >= 3 THEN
    RETURN QUERY SELECT p.id FROM people p WHERE p.organisation_id = org
      AND (lower(p.given_name || ' ' || p.family_name) LIKE pattern OR lower(coalesce(p.email, '')) LIKE pattern);
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION people_matching(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION people_matching(text) TO schakel_app;
