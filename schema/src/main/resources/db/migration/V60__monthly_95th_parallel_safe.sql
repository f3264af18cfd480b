-- monthly_95th_connections only reads charge_mode_change: safe in a parallel worker. Marked unsafe
-- (the default), it kept every query naming it out of parallel plans, the month's 95th among them:
-- that query reads a month of buckets, sorted by connection in two workers as the bare
-- percentile_disc aggregate over the same rows is (D13).
ALTER FUNCTION monthly_95th_connections(timestamptz) PARALLEL SAFE;
