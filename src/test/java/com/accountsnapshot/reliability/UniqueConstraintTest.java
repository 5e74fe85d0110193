package com.accountsnapshot.reliability;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.reliability.Faults.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unique constraints are the last line of defence: a concurrent writer that snapshots an account of the
 * chunk between its enrichment and its write makes the chunk's insert violate unique (account_id,
 * snapshot_sequence_number); the chunk rolls back whole (its snapshots and the issues it already recorded),
 * the run fails, and once the conflict is gone a restart completes exactly once.
 */
@ReliabilityTest
class UniqueConstraintTest {

    static final int ACCOUNTS = 230;

    /** In chunk 3 (accounts 101-150): the account a concurrent writer snapshots first. */
    static final long CONTESTED = 125;

    /** In chunk 3: an account whose latest snapshot is later than asOf (a skipped issue, recorded before the write). */
    static final long OUT_OF_ORDER = 120;

    /** In chunk 3: an account with a bad field (a warning, recorded after the snapshot insert). */
    static final long BAD_FIELD = 130;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Faults faults;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "i = " + BAD_FIELD)
                .snapshotMonths("2026-11-27T00:00:00Z", "2026-12-31T00:00:00Z");
        insertSnapshot(jdbc::update, OUT_OF_ORDER, "2026-12-31T00:00:00Z", -2);
    }

    @AfterEach
    void disarm() {
        faults.reset();
    }

    @Test
    void aChunkThatViolatesTheSequenceConstraintRollsBackWholeAndTheRestartCompletesExactlyOnce() throws Exception {
        faults.arm(Point.AFTER_READS_BEFORE_PROCESS, 3,
                (point, chunk) -> insertSnapshot(Backends::update, CONTESTED, "2026-11-27T00:00:00Z", -1));

        JobExecution failed = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        // the exit description keeps 2,500 characters of the stack trace, down to the constraint and the key
        assertThat(failed.getExitStatus().getExitDescription())
                .contains("DuplicateKeyException: ConnectionCallback; ERROR: duplicate key value violates "
                        + "unique constraint \"account_snapshots_sequence_uk\"")
                .contains("Key (account_id, snapshot_sequence_number)=(125, 1) already exists.");
        assertThat(snapshotIds(failed.getJobInstanceId())).containsExactlyElementsOf(range(1, 100));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues", Integer.class))
                .as("the issues chunk 3 had recorded before its insert failed").isZero();

        SnapshotCleanup.execute(jdbc, "DELETE FROM account_snapshots WHERE job_instance_id = -1");
        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        new Ledger(jdbc).assertExactlyOnce(failed.getJobInstanceId(),
                range(1, ACCOUNTS).stream().filter(id -> id != OUT_OF_ORDER).toList());
        assertThat(jdbc.queryForList("""
                SELECT account_id || ':' || issue_type || ':' || field FROM snapshot_run_issues ORDER BY account_id""",
                String.class)).containsExactly(OUT_OF_ORDER + ":skipped:snapshot_timestamp",
                BAD_FIELD + ":warning:assigned_csm");
    }

    private List<Long> snapshotIds(long jobInstanceId) {
        return jdbc.queryForList("SELECT account_id FROM account_snapshots WHERE job_instance_id = ? ORDER BY 1",
                Long.class, jobInstanceId);
    }

    private static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }

    @FunctionalInterface
    private interface Update {
        void update(String sql, Object... arguments);
    }

    /** A minimal sequence-1 snapshot of the account, as another writer (another job instance) would insert it. */
    private static void insertSnapshot(Update writer, long accountId, String timestamp, long jobInstanceId) {
        writer.update("""
                INSERT INTO account_snapshots (account_id, customer_id, snapshot_timestamp, snapshot_type,
                    job_instance_id, job_execution_id, account_name, product_count, health_score_source, total_kpis,
                    account_level_kpis, product_level_kpis, critical_kpis_count, at_risk_kpis_count,
                    healthy_kpis_count, unscored_kpis_count, playbooks_running_count, playbooks_completed_count,
                    playbooks_completed_last_30_days, snapshot_sequence_number, health_score_trend,
                    is_significant_change)
                VALUES (?, 1 + ? % 7, CAST(? AS timestamptz), 'manual', ?, ?, 'Account', 0, 'none', 0, 0, 0, 0, 0,
                    0, 0, 0, 0, 0, 1, 'stable', false)""", accountId, accountId, timestamp, jobInstanceId,
                jobInstanceId);
    }
}
