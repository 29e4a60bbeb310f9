-- The organisation boundary reads one setting, which PostgreSQL hands to its parallel workers
-- with the rest of the session's settings: the function is parallel safe. Marked so, a large
-- read under row-level security (the ESF+ report over a million esf_records rows) may share the
-- scan among workers; left unmarked, every query with a policy ran on one core.
ALTER FUNCTION app_organisation_id() PARALLEL SAFE;
