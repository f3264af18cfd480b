-- What a billing run staged for its day: written in the transaction that creates the run's staging
-- table (daily_peak_stage_<job instance>) and deleted in the one that drops it. A later step that
-- relies on the staging table (removing lines whose connection is not in it) first checks that
-- the table still holds exactly staged_rows rows, so that a lost or emptied staging table can
-- never read as "no connection was active that day" and zero the day's bill.
CREATE TABLE billing_stage (
    job_instance_id bigint      PRIMARY KEY,
    bill_day        date        NOT NULL,
    zone            text        NOT NULL,
    staged_rows     bigint      NOT NULL,
    staged_at       timestamptz NOT NULL DEFAULT now()
);
