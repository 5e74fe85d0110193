-- Snapshots are immutable once written: UPDATE, DELETE and TRUNCATE of account_snapshots and of each of its
-- partitions fail, except in a transaction that declares itself one of the product's maintenance paths
-- (retention, the quarantine of future snapshots, the benchmark's cleanup of its own database) with
--   SET LOCAL account_snapshot.maintenance = 'retention'
-- (or set_config('account_snapshot.maintenance', 'retention', true)). The setting lives until the end of the
-- transaction; a session that never set it, or whose transaction has ended, reads it as null or ''.

CREATE FUNCTION account_snapshots_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(current_setting('account_snapshot.maintenance', true), '') = '' THEN
        RAISE EXCEPTION 'account snapshots are immutable: % of % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'A snapshot is never changed or removed once written.',
                  HINT = 'Only the product''s maintenance (retention, quarantine-future-snapshots) removes '
                      || 'snapshots; it declares itself with SET LOCAL account_snapshot.maintenance in its '
                      || 'transaction and is audited in operator_audit.';
    END IF;
    IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

-- A row trigger on the partitioned table is cloned onto every partition, present and future (also one
-- attached later); UPDATE and DELETE of a partition itself are refused as well.
CREATE TRIGGER account_snapshots_immutable
    BEFORE UPDATE OR DELETE ON account_snapshots
    FOR EACH ROW EXECUTE FUNCTION account_snapshots_refuse_change();

CREATE TRIGGER account_snapshots_no_truncate
    BEFORE TRUNCATE ON account_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION account_snapshots_refuse_change();

-- TRUNCATE triggers are per table and not cloned: every partition gets its own. The product calls this for
-- each partition it creates or swaps in; an event trigger (below) covers partitions created by other means.
CREATE FUNCTION account_snapshots_guard_partition(partition regclass) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_trigger
                   WHERE tgrelid = partition AND tgname = 'account_snapshots_no_truncate') THEN
        EXECUTE format('CREATE TRIGGER account_snapshots_no_truncate BEFORE TRUNCATE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION account_snapshots_refuse_change()', partition);
    END IF;
END
$$;

SELECT account_snapshots_guard_partition(inhrelid::regclass)
FROM pg_inherits WHERE inhparent = 'account_snapshots'::regclass;

-- Every partition of account_snapshots created or attached by any statement gets its TRUNCATE trigger at the
-- end of that statement. Event triggers need a superuser: where the migration runs as another role, the
-- product's own partition management (which calls account_snapshots_guard_partition) is what covers them.
CREATE FUNCTION account_snapshots_guard_new_partitions() RETURNS event_trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM account_snapshots_guard_partition(i.inhrelid::regclass)
    FROM pg_inherits i
    WHERE i.inhparent = to_regclass('account_snapshots')
      AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                      WHERE t.tgrelid = i.inhrelid AND t.tgname = 'account_snapshots_no_truncate');
END
$$;

DO $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        CREATE EVENT TRIGGER account_snapshots_guard_new_partitions ON ddl_command_end
            WHEN TAG IN ('CREATE TABLE', 'ALTER TABLE')
            EXECUTE FUNCTION account_snapshots_guard_new_partitions();
    END IF;
END
$$;
