package com.accountsnapshot.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The skip limit (5 here) holds for a whole run: its two partitions (accounts 1-115 and 116-230, chunks of 50)
 * and its restarts count their skips together. Partition 1 skips accounts 7, 8 and 9 in its first chunk;
 * partition 2 fails for 216, 217 and 218 in its last chunk, which waits until partition 1's skips are
 * committed, so the order is fixed: 218 would be the sixth skip. Each partition alone stays below the limit, and
 * so does each restart.
 */
@SpringBootTest(properties = { "account-snapshot.job.partitioned=true", "account-snapshot.job.threads=2",
        "account-snapshot.job.chunk-size=50", "account-snapshot.job.skip-limit=5" })
@Import(SkipLimitPerRunTest.GatedFailures.class)
class SkipLimitPerRunTest {

    static final int ACCOUNTS = 230;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    GatedCalculator calculator;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "false");
    }

    @AfterEach
    void removeFaults() {
        calculator.reset();
    }

    @Test
    void skipsOfBothPartitionsCountTogetherAndARestartGoesOnCountingFromThem() throws Exception {
        // given
        calculator.failFor(7L, 8L, 9L, 216L, 217L, 218L);
        calculator.gate(216L, 3);

        // when
        JobExecution failed = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        // then
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitDescription()).contains("SkipLimitExceededException");
        assertThat(skipped(failed.getJobInstanceId())).containsExactly(7L, 8L, 9L);
        // partition 1 whole but its three skips, partition 2 up to its failing chunk (rolled back)
        assertThat(snapshotCount(failed.getJobInstanceId())).isEqualTo(115 - 3 + 100);

        // when: the restart meets the three failures again: after the three skips before, the third is the sixth
        calculator.reset();
        calculator.failFor(216L, 217L, 218L);
        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        // then
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarted.getExitStatus().getExitDescription()).contains("SkipLimitExceededException");
        assertThat(skipped(failed.getJobInstanceId())).containsExactly(7L, 8L, 9L);

        // when: one failure left, the fourth skip of the run
        calculator.reset();
        calculator.failFor(217L);
        JobExecution completed = runs.awaitEnd(runs.restart(restarted.getId()));

        // then
        assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(completed.getExitStatus().getExitCode()).isEqualTo("COMPLETED WITH SKIPS");
        assertThat(skipped(failed.getJobInstanceId())).containsExactly(7L, 8L, 9L, 217L);
        new Ledger(jdbc).assertExactlyOnce(failed.getJobInstanceId(), LongStream.rangeClosed(1, ACCOUNTS)
                .filter(id -> id != 7 && id != 8 && id != 9 && id != 217).boxed().toList());
    }

    private List<Long> skipped(long jobInstanceId) {
        return jdbc.queryForList("""
                SELECT i.account_id FROM snapshot_run_issues i
                JOIN batch_job_execution e ON e.job_execution_id = i.job_execution_id
                WHERE e.job_instance_id = ? AND i.issue_type = 'skipped' ORDER BY i.account_id""", Long.class,
                jobInstanceId);
    }

    private long snapshotCount(long jobInstanceId) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?", Long.class,
                jobInstanceId);
    }

    /**
     * The failing calculator, whose calculation of a gate account first waits (at most a minute) until the run
     * has committed a number of skipped accounts.
     */
    static class GatedCalculator extends FailingCalculation {

        private final JdbcTemplate jdbc;

        private final Map<Long, Integer> gates = new ConcurrentHashMap<>();

        GatedCalculator(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void gate(long accountId, int committedSkips) {
            gates.put(accountId, committedSkips);
        }

        @Override
        void reset() {
            super.reset();
            gates.clear();
        }

        @Override
        public SnapshotOutcome calculate(AccountContext context, SnapshotRun run) {
            Integer skips = gates.get(context.account().accountId());
            if (skips != null) {
                awaitCommittedSkips(skips);
            }
            return super.calculate(context, run);
        }

        private void awaitCommittedSkips(int skips) {
            await("the other partition's " + skips + " committed skips").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                            "SELECT count(*) FROM snapshot_run_issues WHERE issue_type = 'skipped'", Integer.class) >= skips);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class GatedFailures {

        @Bean
        @Primary
        GatedCalculator gatedCalculator(JdbcTemplate jdbc) {
            return new GatedCalculator(jdbc);
        }
    }
}
