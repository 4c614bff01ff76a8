-- The gateway's reservation as one server-side call: the key's lock is taken, expired leases are
-- reclaimed, every limit is checked and the lease and the day's reservation are written, all
-- before the call returns. No client round trip happens while the key's lock is held, so a
-- gateway process busy with other work (a flood of refusals) cannot stretch it and queue every
-- other call of the key behind it. Each statement takes its own snapshot (READ COMMITTED), so the
-- deciding one sees every reservation committed before the lock was granted.
CREATE OR REPLACE FUNCTION imgledger_reserve(
	p_key_id bigint, p_account_id bigint, p_request_id text, p_day text, p_now timestamptz,
	p_n int, p_cost bigint, p_lease_ttl_s int, p_slot_taken boolean, p_lock_class int)
RETURNS TABLE (refused text, concurrency_cap float8, image_cap float8, images_taken float8, leased int)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
BEGIN
	PERFORM pg_advisory_xact_lock(p_lock_class, (p_key_id % 2147483647)::int);

	-- A lease past its expiry belongs to a request whose process died (or outlived the TTL): give
	-- its images and cost back to the day it reserved them on. Expiry is on the database's clock.
	WITH gone AS (
		DELETE FROM in_flight WHERE key_id = p_key_id AND expires_at <= now()
		RETURNING day, images, cost_micros
	), per_day AS (
		SELECT day::date AS day, sum(images)::int AS images, sum(cost_micros)::bigint AS cost FROM gone GROUP BY day
	)
	UPDATE key_day_counters c SET
		images_reserved = greatest(0, c.images_reserved - per_day.images),
		cost_reserved_micros = greatest(0, c.cost_reserved_micros - per_day.cost)
	FROM per_day
	WHERE c.key_id = p_key_id AND c.day = per_day.day;

	RETURN QUERY
	WITH lim AS (
		SELECT k.status::text AS status, k.expires_at, k.spent_total_micros,
			-- Each temporary override is in force while its own end is after the request's clock.
			CASE WHEN k.temp_concurrency_cap IS NOT NULL AND k.temp_concurrency_cap_until > p_now
				THEN k.temp_concurrency_cap ELSE k.concurrency_cap END AS concurrency_cap,
			CASE WHEN k.temp_daily_image_cap IS NOT NULL AND k.temp_daily_image_cap_until > p_now
				THEN k.temp_daily_image_cap ELSE k.daily_image_cap END AS image_cap,
			CASE WHEN k.temp_daily_cost_limit_micros IS NOT NULL AND k.temp_daily_cost_limit_until > p_now
				THEN k.temp_daily_cost_limit_micros ELSE k.daily_cost_limit_micros END AS daily_cost_limit,
			CASE WHEN k.temp_total_cost_limit_micros IS NOT NULL AND k.temp_total_cost_limit_until > p_now
				THEN k.temp_total_cost_limit_micros ELSE k.total_cost_limit_micros END AS total_cost_limit,
			coalesce(c.images_used, 0)::bigint + coalesce(c.images_reserved, 0) AS images_taken,
			coalesce(c.cost_used_micros, 0) + coalesce(c.cost_reserved_micros, 0) AS day_cost,
			(SELECT count(*) FROM in_flight f WHERE f.key_id = k.id) AS leases,
			(SELECT coalesce(sum(f.cost_micros), 0) FROM in_flight f WHERE f.key_id = k.id) AS leased_cost
		FROM api_keys k
		LEFT JOIN key_day_counters c ON c.key_id = k.id AND c.day = p_day::date
		WHERE k.id = p_key_id
	), verdict AS (
		SELECT CASE
				WHEN lim.status <> 'active' THEN 'key_disabled'
				WHEN lim.expires_at IS NOT NULL AND lim.expires_at <= p_now THEN 'key_expired'
				WHEN lim.leases >= lim.concurrency_cap THEN 'concurrency_exhausted'
				WHEN lim.images_taken + p_n > lim.image_cap THEN 'image_daily_limit'
				WHEN lim.daily_cost_limit IS NOT NULL AND lim.day_cost + p_cost > lim.daily_cost_limit THEN 'crs_daily_exhausted'
				WHEN lim.total_cost_limit IS NOT NULL AND lim.spent_total_micros + lim.leased_cost + p_cost > lim.total_cost_limit
					THEN 'crs_total_exhausted'
				WHEN NOT p_slot_taken THEN 'service_overloaded'
			END AS refused,
			lim.concurrency_cap, lim.image_cap, lim.images_taken
		FROM lim
	), counter AS (
		INSERT INTO key_day_counters (account_id, key_id, day, images_reserved, cost_reserved_micros)
		SELECT p_account_id, p_key_id, p_day::date, p_n, p_cost
		FROM verdict WHERE verdict.refused IS NULL
		ON CONFLICT (key_id, day) DO UPDATE SET
			images_reserved = key_day_counters.images_reserved + excluded.images_reserved,
			cost_reserved_micros = key_day_counters.cost_reserved_micros + excluded.cost_reserved_micros
	), lease AS (
		INSERT INTO in_flight (key_id, request_id, account_id, images, cost_micros, day, expires_at)
		SELECT p_key_id, p_request_id, p_account_id, p_n, p_cost, p_day, now() + make_interval(secs => p_lease_ttl_s)
		FROM verdict WHERE verdict.refused IS NULL
		RETURNING 1
	)
	SELECT v.refused, v.concurrency_cap::float8, v.image_cap::float8, v.images_taken::float8, (SELECT count(*) FROM lease)::int
	FROM verdict v;
END
$fn$;
