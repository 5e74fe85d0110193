package com.accountsnapshot.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.AccountSnapshot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that fails part-way keeps exactly its committed chunks; restarting it by execution id resumes after
 * the last committed chunk, and every account in scope ends with exactly one snapshot for the job instance. A
 * run whose thread is interrupted stops at the end of its chunk, and its restart finishes it.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=10")
@Import(RestartTest.FailureInjection.class)
class RestartTest {

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FailAfterWritingAccount failure;

    @Autowired
    InterruptAfterWritingAccount interruption;

    @BeforeEach
    void seedHundredAccounts() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status, profile_metadata)
                SELECT i, 1 + i % 7, 'Account ' || i, i * 100, 'active',
                       CASE WHEN i = 55 THEN '{"assigned_csm": 42}'::jsonb ELSE '{"assigned_csm": "Dana"}'::jsonb END
                FROM generate_series(1, 100) AS i""");
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, category, kpi_parameter, data, impact_level)
                SELECT i, i, 1 + i % 7, 'Support', 'First Response Time', (i % 30) || ' hours', 'high'
                FROM generate_series(1, 100) AS i""");
        failure.disarm();
        interruption.disarm();
    }

    @Test
    void restartResumesAfterLastCommittedChunk() throws Exception {
        failure.armAt(55, 1);

        JobExecution failed = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(snapshotsOf(failed)).isEqualTo(50);
        assertThat(warningsOf(55)).isZero();

        JobExecution restarted = restart(failed);

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(restarted.getStepExecutions().iterator().next().getReadCount()).isEqualTo(50);
        assertThat(restarted.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(50);
        assertExactlyOnce(failed);
        assertThat(warningsOf(55)).isEqualTo(1);
    }

    @Test
    void twoFailuresInARowThenRestartCompletesExactlyOnce() throws Exception {
        failure.armAt(55, 1);
        JobExecution first = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));
        failure.armAt(85, 1);
        JobExecution second = restart(first);
        failure.armAt(85, 1);
        JobExecution third = restart(second);

        JobExecution fourth = restart(third);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(second.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(third.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(fourth.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(snapshotsOf(first)).isEqualTo(100);
        assertThat(jdbc.queryForList("""
                SELECT count(*) FROM account_snapshots WHERE job_instance_id = ? GROUP BY job_execution_id
                ORDER BY job_execution_id""", Long.class, first.getJobInstanceId())).containsExactly(50L, 30L, 20L);
        assertExactlyOnce(first);
    }

    @Test
    void interruptedRunStopsAfterItsChunkInsteadOfCompletingEarlyAndRestartFinishesIt() throws Exception {
        interruption.armAt(55);

        JobExecution stopped = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
        assertThat(snapshotsOf(stopped)).isEqualTo(60);
        JobExecution restarted = restart(stopped);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getStepExecutions().iterator().next().getReadCount()).isEqualTo(40);
        assertExactlyOnce(stopped);
    }

    @Test
    void aRunAcrossAMonthBoundaryRestartsExactlyOnceInItsMonthAfterTheLastMonthsHistory() throws Exception {
        // given: October's snapshot of every account, then a run as of November's first instant failing at 55
        JobExecution october = runs.run(Map.of("asOf", "2026-10-31T23:59:59Z"));
        failure.armAt(55, 1);
        JobExecution failed = runs.run(Map.of("asOf", "2026-11-01T00:00:00Z"));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(headSequences()).containsExactly("1 50", "2 50");

        // when
        JobExecution restarted = restart(failed);

        // then: every account's second snapshot, once, in November's partition, after its October one
        assertThat(october.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jdbc.queryForList("""
                SELECT tableoid::regclass || ' ' || snapshot_sequence_number || ' ' || count(*)
                FROM account_snapshots GROUP BY tableoid, snapshot_sequence_number ORDER BY 1""", String.class))
                .containsExactly("account_snapshots_2026_10 1 100", "account_snapshots_2026_11 2 100");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots n
                JOIN account_snapshots o ON o.snapshot_id = n.previous_snapshot_id AND o.account_id = n.account_id
                JOIN account_snapshot_heads h ON h.snapshot_id = n.snapshot_id AND h.prior_snapshot_id = o.snapshot_id
                WHERE n.job_instance_id = ? AND o.job_instance_id = ?""", Integer.class,
                failed.getJobInstanceId(), october.getJobInstanceId())).isEqualTo(100);
        assertThat(headSequences()).containsExactly("2 100");
    }

    /** The heads' sequence numbers, each with its number of accounts. */
    private List<String> headSequences() {
        return jdbc.queryForList("""
                SELECT snapshot_sequence_number || ' ' || count(*) FROM account_snapshot_heads
                GROUP BY snapshot_sequence_number ORDER BY 1""", String.class);
    }

    private JobExecution restart(JobExecution failed) throws Exception {
        return runs.awaitEnd(runs.restart(failed.getId()));
    }

    private void assertExactlyOnce(JobExecution execution) {
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT account_id) FROM account_snapshots WHERE job_instance_id = ?""",
                Integer.class, execution.getJobInstanceId())).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT max(snapshot_sequence_number) FROM account_snapshots",
                Integer.class)).isEqualTo(1);
    }

    private int snapshotsOf(JobExecution execution) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?",
                Integer.class, execution.getJobInstanceId());
    }

    private int warningsOf(long accountId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM snapshot_run_issues WHERE account_id = ? AND issue_type = 'warning'
                AND field = 'assigned_csm'""", Integer.class, accountId);
    }

    /** The listeners below, joined to the chunk steps. */
    @TestConfiguration
    @Import(ChunkStepListeners.class)
    static class FailureInjection {

        @Bean
        FailAfterWritingAccount failAfterWritingAccount() {
            return new FailAfterWritingAccount();
        }

        @Bean
        InterruptAfterWritingAccount interruptAfterWritingAccount() {
            return new InterruptAfterWritingAccount();
        }
    }

    /**
     * Interrupts the run's thread once, after the rows of the chunk holding a chosen account were inserted (as
     * a listener container interrupts its consumer threads when it stops); the chunk still commits.
     */
    static class InterruptAfterWritingAccount implements ChunkStepListeners.Hook {

        private final AtomicLong accountId = new AtomicLong(-1);

        void armAt(long accountId) {
            this.accountId.set(accountId);
        }

        void disarm() {
            accountId.set(-1);
        }

        @Override
        public void afterWrite(Chunk<? extends AccountSnapshot> items) {
            long armed = accountId.get();
            if (items.getItems().stream().anyMatch(item -> item.accountId() == armed)
                    && accountId.compareAndSet(armed, -1)) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Fails the chunk holding a chosen account after its rows were inserted, before the commit, a given
     * number of times.
     */
    static class FailAfterWritingAccount implements ChunkStepListeners.Hook {

        private volatile long accountId = -1;

        private final AtomicInteger remaining = new AtomicInteger();

        void armAt(long accountId, int times) {
            this.accountId = accountId;
            remaining.set(times);
        }

        void disarm() {
            remaining.set(0);
        }

        @Override
        public void afterWrite(Chunk<? extends AccountSnapshot> items) {
            boolean hit = items.getItems().stream().anyMatch(item -> item.accountId() == accountId);
            if (hit && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure after writing account " + accountId);
            }
        }
    }
}
