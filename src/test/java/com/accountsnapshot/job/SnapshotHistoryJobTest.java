package com.accountsnapshot.job;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.internal.SnapshotPartitions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots land in the partition of their as-of's month: a run makes its month when it is missing, a backfill
 * into an old month too, and the months ahead are made when a process that writes starts; the previous snapshot
 * is found through the account's head across months.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class SnapshotHistoryJobTest {

    /** Months no other test writes into: each test drops them first, to start without them. */
    private static final List<String> OWN_MONTHS = List.of("account_snapshots_2025_01", "account_snapshots_2025_03",
            "account_snapshots_2031_01", "account_snapshots_2031_02", "account_snapshots_2031_03",
            "account_snapshots_2031_04");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void fiveAccountsAndNoneOfTheTestsMonths() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(5, "false");
        // accounts that existed in 2025, so that runs as of then snapshot them
        jdbc.update("UPDATE accounts SET created_at = '2024-12-01T00:00:00Z'");
        OWN_MONTHS.forEach(month -> jdbc.execute("DROP TABLE IF EXISTS " + month));
    }

    @AfterEach
    void dropOwnMonths() {
        new TestPortfolio(jdbc).clean();
        OWN_MONTHS.forEach(month -> jdbc.execute("DROP TABLE IF EXISTS " + month));
    }

    @Test
    void aRunIntoAMonthWithoutItsPartitionMakesItAndWritesThere() throws Exception {
        // given
        assertThat(partitionExists("account_snapshots_2025_03")).isFalse();

        // when
        JobExecution run = runs.run(Map.of("asOf", "2025-03-31T23:59:59Z"));

        // then
        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionsHolding(run)).containsExactly("account_snapshots_2025_03 5");
    }

    @Test
    void aBackfillIntoAnOldMonthThenAFreshRunChainTheHistoryAcrossPartitions() throws Exception {
        // given: a backfill of the accounts' first snapshot into January 2025, then today's run
        JobExecution backfill = runs.run(Map.of("asOf", "2025-01-15T00:00:00Z"));

        // when
        JobExecution current = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        // then
        assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(current.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(partitionsHolding(backfill)).containsExactly("account_snapshots_2025_01 5");
        assertThat(partitionsHolding(current)).containsExactly("account_snapshots_2026_11 5");
        // each second snapshot follows the backfilled one, found through the head, 682 days later
        assertThat(jdbc.queryForList("""
                SELECT s.account_id || ' ' || s.snapshot_sequence_number || ' ' || s.days_since_last_snapshot || ' '
                       || (s.previous_snapshot_id = b.snapshot_id)
                FROM account_snapshots s JOIN account_snapshots b ON b.account_id = s.account_id
                WHERE s.job_instance_id = ? AND b.job_instance_id = ? ORDER BY s.account_id""", String.class,
                current.getJobInstanceId(), backfill.getJobInstanceId()))
                .containsExactly("1 2 682 true", "2 2 682 true", "3 2 682 true", "4 2 682 true", "5 2 682 true");
        assertThat(jdbc.queryForList("""
                SELECT h.account_id || ' ' || h.snapshot_sequence_number || ' ' || (h.snapshot_id = s.snapshot_id)
                       || ' ' || (h.prior_snapshot_id = s.previous_snapshot_id) || ' '
                       || to_char(h.prior_snapshot_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                FROM account_snapshot_heads h JOIN account_snapshots s ON s.account_id = h.account_id
                WHERE s.job_instance_id = ? ORDER BY h.account_id""", String.class, current.getJobInstanceId()))
                .containsExactly("1 2 true true 2025-01-15T00:00:00", "2 2 true true 2025-01-15T00:00:00",
                        "3 2 true true 2025-01-15T00:00:00", "4 2 true true 2025-01-15T00:00:00",
                        "5 2 true true 2025-01-15T00:00:00");
    }

    @Test
    void startingProcessesMakeTheCurrentMonthAndThoseAheadOnce() {
        // given
        SnapshotMonths months = new SnapshotMonths(new SnapshotPartitions(jdbc), new HistoryProperties(3),
                Clock.fixed(Instant.parse("2031-01-31T23:00:00Z"), ZoneOffset.UTC));

        // when
        List<String> first = months.premake();
        List<String> second = months.premake();

        // then
        assertThat(first).containsExactly("account_snapshots_2031_01", "account_snapshots_2031_02",
                "account_snapshots_2031_03", "account_snapshots_2031_04");
        assertThat(second).isEmpty();
        assertThat(jdbc.queryForObject("""
                SELECT pg_get_expr(relpartbound, oid) FROM pg_class WHERE relname = 'account_snapshots_2031_02'""",
                String.class)).isEqualTo("FOR VALUES FROM ('2031-02-01 00:00:00+00') TO ('2031-03-01 00:00:00+00')");
    }

    @Test
    void twoProcessesMakingTheSameMonthAtOnceMakeItOnceWithoutAnError() throws Exception {
        // given
        SnapshotPartitions partitions = new SnapshotPartitions(jdbc);
        CyclicBarrier together = new CyclicBarrier(2);
        Instant march = Instant.parse("2025-03-10T00:00:00Z");

        // when
        CompletableFuture<Boolean> one = CompletableFuture.supplyAsync(() -> makeTogether(partitions, together, march));
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> makeTogether(partitions, together,
                march));

        // then
        assertThat(List.of(one.get(), other.get())).containsExactlyInAnyOrder(true, false);
        assertThat(partitionExists("account_snapshots_2025_03")).isTrue();
    }

    private static boolean makeTogether(SnapshotPartitions partitions, CyclicBarrier together, Instant at) {
        try {
            together.await();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return partitions.createMonthOf(at);
    }

    private boolean partitionExists(String name) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, name));
    }

    /** The partitions holding the run's snapshots, each with its count of them. */
    private List<String> partitionsHolding(JobExecution run) {
        return jdbc.queryForList("""
                SELECT tableoid::regclass || ' ' || count(*) FROM account_snapshots WHERE job_instance_id = ?
                GROUP BY tableoid ORDER BY 1""", String.class, run.getJobInstanceId());
    }
}
