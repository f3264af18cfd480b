-- A bill line can be REMOVED: the connection was on the day's bill, but a re-run found it not
-- billable that day (e.g. its transition record was corrected and it was never ACTIVE then, D9).
-- The row stays, at zero, so that its earlier value remains in bill_line_revision with the reason
-- and the payer's statement for that day and currency shows the adjustment.
ALTER TABLE bill_line DROP CONSTRAINT bill_line_status_allowed;
ALTER TABLE bill_line ADD CONSTRAINT bill_line_status_allowed
    CHECK (status IN ('BILLED', 'FREE', 'NO_TRAFFIC', 'FAILED', 'REMOVED'));
