package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;

import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.run.SnapshotMaintenance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives half of a fresh portfolio (the even account ids) a history, so that the measured runs exercise
 * change detection (sequence numbers, differences, trends over three scores, significance) on half of the
 * accounts and take first snapshots of the other half: two earlier snapshots, 60 and 30 days before the
 * measured as-of instant, each followed by a period of simulated platform activity ({@link DemoActivity}:
 * revenue and status changes, a new month of health scores), seeded so the same seed gives the same history.
 *
 * <p>The snapshots are inserted set-based, by {@link SetBasedSnapshotInsert} over the whole portfolio with
 * the odd accounts' rows deleted afterwards, under job ids of their own ({@link #FIRST_RUN_ID} and the next
 * lower one); {@code SetBasedSnapshotInsertTest} shows it writes what the job would.
 */
final class PriorSnapshots {

    static final long FIRST_RUN_ID = -11;

    private static final int ROUNDS = 2;

    private static final Duration SPACING = Duration.ofDays(30);

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DemoActivity activity;

    private final SetBasedSnapshotInsert insert;

    private final SnapshotMaintenance maintenance;

    PriorSnapshots(JdbcTemplate jdbc, TransactionTemplate transactions, DemoActivity activity,
            SetBasedSnapshotInsert insert, SnapshotMaintenance maintenance) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.activity = activity;
        this.insert = insert;
        this.maintenance = maintenance;
    }

    /** Adds the history before {@code asOf} and returns the number of snapshots it inserted. */
    long add(Instant asOf, long seed) {
        long inserted = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long runId = FIRST_RUN_ID - round;
            Instant at = asOf.minus(SPACING.multipliedBy(ROUNDS - round));
            inserted += insert.insert(at, runId, runId);
            long[] deleted = new long[1];
            maintenance.run(BenchmarkDatabase.CLEANUP, "the odd accounts' prior snapshots of " + runId,
                    () -> deleted[0] = jdbc.update(
                            "DELETE FROM account_snapshots WHERE job_execution_id = ? AND account_id % 2 = 1", runId));
            inserted -= deleted[0];
            advance(seed + round);
        }
        return inserted;
    }

    /** One period of platform activity, with PostgreSQL's random() seeded from the benchmark's seed. */
    private void advance(long seed) {
        double postgresSeed = Math.floorMod(seed, 2_000_001L) / 1_000_000.0 - 1.0;
        transactions.executeWithoutResult(status -> {
            jdbc.query("SELECT setseed(?)", rs -> { }, postgresSeed);
            activity.advance();
        });
    }
}
