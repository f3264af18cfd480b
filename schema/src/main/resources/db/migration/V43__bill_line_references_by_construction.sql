-- Bill lines come 100,000 a night from the billing job, and every one of them is derived in the
-- same run from peering_connection (the connection and its payer account) and the tariff catalog:
-- the references hold by construction. Checked again per inserted row, by three foreign-key
-- triggers (an index probe and a lock on the referenced row each), they cost more than inserting
-- the lines themselves. What those keys still guarded against, a connection, account or tariff
-- removed from under a bill, is refused here instead, when it is attempted (the application never
-- deletes any of them).
ALTER TABLE bill_line DROP CONSTRAINT bill_line_connection_id_fkey;
ALTER TABLE bill_line DROP CONSTRAINT bill_line_payer_account_id_fkey;
ALTER TABLE bill_line DROP CONSTRAINT bill_line_tariff_id_fkey;

-- TG_ARGV[0]: the bill_line column that refers to the deleted row's id.
CREATE FUNCTION refuse_delete_while_billed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    billed boolean;
BEGIN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM bill_line WHERE %I = $1)', TG_ARGV[0])
       INTO billed
      USING OLD.id;
    IF billed THEN
        RAISE EXCEPTION '% % is on a bill and cannot be deleted', TG_TABLE_NAME, OLD.id
              USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN OLD;
END
$$;

CREATE TRIGGER peering_connection_billed BEFORE DELETE ON peering_connection
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_while_billed('connection_id');
CREATE TRIGGER account_billed BEFORE DELETE ON account
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_while_billed('payer_account_id');
CREATE TRIGGER tariff_billed BEFORE DELETE ON tariff
    FOR EACH ROW EXECUTE FUNCTION refuse_delete_while_billed('tariff_id');
