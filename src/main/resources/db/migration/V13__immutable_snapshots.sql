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

-- TRUNCATE triggers are per table and not cloned: every partition gets its own. account_snapshots_guard_partitions
-- gives it to each partition still without one; the product's partition creation (below) calls it, and an event
-- trigger calls it after any statement that creates or attaches a table.
CREATE FUNCTION account_snapshots_guard_partitions() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    partition regclass;
BEGIN
    FOR partition IN
        SELECT i.inhrelid::regclass FROM pg_inherits i
        WHERE i.inhparent = to_regclass('account_snapshots')
          AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                          WHERE t.tgrelid = i.inhrelid AND t.tgname = 'account_snapshots_no_truncate')
    LOOP
        EXECUTE format('CREATE TRIGGER account_snapshots_no_truncate BEFORE TRUNCATE ON %s '
                       'FOR EACH STATEMENT EXECUTE FUNCTION account_snapshots_refuse_change()', partition);
    END LOOP;
END
$$;

SELECT account_snapshots_guard_partitions();

-- The month partitions the product creates ahead and before a run are guarded as they are made.
ALTER FUNCTION create_account_snapshot_partition(timestamptz) RENAME TO create_unguarded_account_snapshot_partition;

CREATE FUNCTION create_account_snapshot_partition(at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    made boolean := create_unguarded_account_snapshot_partition(at);
BEGIN
    IF made THEN
        PERFORM account_snapshots_guard_partitions();
    END IF;
    RETURN made;
END
$$;
COMMENT ON FUNCTION create_account_snapshot_partition(timestamptz) IS
    'Creates the account_snapshots partition of the UTC month of the instant, if missing, with its TRUNCATE '
    'guard; true when it made it';

-- Event triggers need a superuser: where the migration runs as another role, partitions made by hand get their
-- guard from the next partition the product creates, or from SELECT account_snapshots_guard_partitions().
CREATE FUNCTION account_snapshots_guard_new_partitions() RETURNS event_trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM account_snapshots_guard_partitions();
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
