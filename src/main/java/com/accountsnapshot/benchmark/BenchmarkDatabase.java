package com.accountsnapshot.benchmark;

import com.accountsnapshot.run.SnapshotMaintenance;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark's view of the database: whether it is empty enough to generate into, emptying it on request,
 * and cleaning up after a measured run so every contender snapshots the same history. Both remove snapshots,
 * which only a declared and audited maintenance path may ({@link SnapshotMaintenance}).
 */
final class BenchmarkDatabase {

    private static final String TRUNCATE = """
            TRUNCATE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                     playbook_triggers, account_notes, demo_portfolios, account_snapshots, snapshot_run_issues,
                     batch_step_execution_context, batch_step_execution, batch_job_execution_context,
                     batch_job_execution_params, batch_job_execution, batch_job_instance""";

    private static final String RUNNING_EXECUTIONS = """
            SELECT count(*) FROM batch_job_execution WHERE status IN ('STARTING', 'STARTED', 'STOPPING')""";

    /** Every table a snapshot run reads or writes: vacuumed (visibility map, free space) and analyzed. */
    private static final String VACUUM = """
            VACUUM (ANALYZE) accounts, products, kpis, kpi_reference_ranges, health_trends, playbook_executions,
                             playbook_reports, playbook_triggers, account_notes, account_snapshots,
                             snapshot_run_issues""";

    static final String CLEANUP = "benchmark-cleanup";

    private final JdbcTemplate jdbc;

    private final SnapshotMaintenance maintenance;

    BenchmarkDatabase(JdbcTemplate jdbc, SnapshotMaintenance maintenance) {
        this.jdbc = jdbc;
        this.maintenance = maintenance;
    }

    /**
     * Makes sure the portfolio can be generated into an empty database: refuses one that holds accounts or
     * snapshots unless {@code reset}, which empties the source tables, the snapshots, the issues and the job
     * metadata. Never while a run is going.
     *
     * @return whether the database was emptied
     * @throws IllegalArgumentException when the database holds data and reset was not asked for
     */
    boolean prepareEmpty(boolean reset) {
        long running = count(RUNNING_EXECUTIONS);
        if (running > 0) {
            throw new IllegalArgumentException("the job repository shows " + running + " snapshot run(s) going; "
                    + "the benchmark does not run beside them (recover a run left by a dead process first)");
        }
        long accounts = count("SELECT count(*) FROM accounts");
        long snapshots = count("SELECT count(*) FROM account_snapshots");
        if (accounts == 0 && snapshots == 0) {
            return false;
        }
        if (!reset) {
            throw new IllegalArgumentException("the database already holds " + accounts + " accounts and "
                    + snapshots + " snapshots; the benchmark generates its own portfolio into an empty database. "
                    + "Give --reset to TRUNCATE the source tables, snapshots, issues and job metadata first "
                    + "(everything in them is lost), or point it at another database");
        }
        maintenance.run(CLEANUP, "--reset: " + accounts + " accounts and " + snapshots + " snapshots",
                () -> jdbc.execute(TRUNCATE));
        return true;
    }

    long snapshotsOf(long jobExecutionId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_execution_id = ?",
                Long.class, jobExecutionId);
        return count == null ? 0 : count;
    }

    /** Deletes what a measured run wrote, and vacuums, so the next contender finds the table as this one did. */
    void deleteRun(long jobExecutionId) {
        maintenance.run(CLEANUP, "the snapshots of measured execution " + jobExecutionId, () -> {
            jdbc.update("DELETE FROM account_snapshots WHERE job_execution_id = ?", jobExecutionId);
            jdbc.update("DELETE FROM snapshot_run_issues WHERE job_execution_id = ?", jobExecutionId);
        });
        jdbc.execute("VACUUM (ANALYZE) account_snapshots, snapshot_run_issues");
    }

    /**
     * What the snapshots take on disk, from the sizes of account_snapshots' partitions: the tables (heap, TOAST,
     * free space and visibility maps) and their indexes, per snapshot.
     */
    record Storage(long snapshots, int partitions, long tableBytes, long indexBytes) {

        String line() {
            long per = Math.max(1, snapshots);
            return String.format(java.util.Locale.ROOT, "storage: %d snapshots in %d partitions: %d bytes per "
                    + "snapshot (table with TOAST %d, indexes %d; %.1f MB in all)", snapshots, partitions,
                    (tableBytes + indexBytes) / per, tableBytes / per, indexBytes / per,
                    (tableBytes + indexBytes) / 1_048_576.0);
        }
    }

    Storage storage() {
        return jdbc.queryForObject("""
                SELECT (SELECT count(*) FROM account_snapshots) AS snapshots, count(*) AS partitions,
                       coalesce(sum(pg_table_size(i.inhrelid)), 0) AS table_bytes,
                       coalesce(sum(pg_indexes_size(i.inhrelid)), 0) AS index_bytes
                FROM pg_inherits i WHERE i.inhparent = 'account_snapshots'::regclass""", (rs, n) -> new Storage(
                rs.getLong("snapshots"), rs.getInt("partitions"), rs.getLong("table_bytes"),
                rs.getLong("index_bytes")));
    }

    /** Empties the snapshots (and their heads) and the issues, keeping the portfolio. */
    void emptySnapshots() {
        maintenance.run(CLEANUP, "every snapshot, between the history depths measured",
                () -> jdbc.execute("TRUNCATE account_snapshots, snapshot_run_issues"));
    }

    /** As a platform's database would be between runs: vacuumed and analyzed. */
    void vacuum() {
        jdbc.execute(VACUUM);
    }

    String serverVersion() {
        return jdbc.queryForObject("SELECT current_setting('server_version')", String.class);
    }

    private long count(String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }
}
