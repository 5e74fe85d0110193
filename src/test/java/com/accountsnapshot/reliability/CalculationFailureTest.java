package com.accountsnapshot.reliability;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An account whose calculation throws is skipped and recorded, and the run goes on and completes with the
 * exit code COMPLETED WITH SKIPS; past the skip limit (5 here) the run fails, its failing chunk rolls back
 * whole, and a restart without the fault completes.
 */
@ReliabilityTest
class CalculationFailureTest {

    static final int ACCOUNTS = 230;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FailingCalculation calculator;

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(ACCOUNTS, "false");
    }

    @AfterEach
    void removeFault() {
        calculator.reset();
    }

    @Test
    void failedAccountsAreSkippedRecordedAndTheRunCompletesWithSkips() throws Exception {
        calculator.failFor(7L, 120L, 229L);

        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED WITH SKIPS");
        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(step.getReadCount()).isEqualTo(ACCOUNTS);
        assertThat(step.getWriteCount()).isEqualTo(ACCOUNTS - 3);
        assertThat(step.getFilterCount()).isZero();
        assertThat(step.getSkipCount()).isEqualTo(3);
        assertThat(step.getProcessSkipCount()).isEqualTo(3);
        assertThat(skippedIssues(execution)).containsExactly(
                List.of(7L, "calculation failed: java.lang.IllegalStateException: injected calculation failure for "
                        + "account 7"),
                List.of(120L, "calculation failed: java.lang.IllegalStateException: injected calculation failure "
                        + "for account 120"),
                List.of(229L, "calculation failed: java.lang.IllegalStateException: injected calculation failure "
                        + "for account 229"));
        new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(), accountsExcept(7, 120, 229));
    }

    @Test
    void aCalculationThatOverflowsTheStackSkipsItsAccountOnly() throws Exception {
        calculator.overflowFor(8L);

        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo("COMPLETED WITH SKIPS");
        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(step.getWriteCount()).isEqualTo(ACCOUNTS - 1);
        assertThat(step.getProcessSkipCount()).isEqualTo(1);
        assertThat(skippedIssues(execution)).containsExactly(
                List.of(8L, "calculation failed: java.lang.StackOverflowError"));
        new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(), accountsExcept(8));
    }

    @Test
    void aCleanRunEndsWithThePlainCompletedExitCode() throws Exception {
        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(), accountsExcept());
    }

    /**
     * Account 7 fails in chunk 1 (skipped, committed); accounts 101-105 fail in chunk 3, the fifth of them
     * being the sixth skip: the run fails there and chunk 3 rolls back with its skip records.
     */
    @Test
    void pastTheSkipLimitTheRunFailsAndARestartWithoutTheFaultCompletes() throws Exception {
        calculator.failFor(7L, 101L, 102L, 103L, 104L, 105L);

        JobExecution failed = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getExitStatus().getExitCode()).isEqualTo(ExitStatus.FAILED.getExitCode());
        assertThat(failed.getExitStatus().getExitDescription()).contains("SkipLimitExceededException");
        assertThat(snapshotCount(failed)).isEqualTo(2L * ReliabilityTest.CHUNK_SIZE - 1);
        assertThat(skippedIssues(failed)).extracting(issue -> issue.get(0)).containsExactly(7L);

        calculator.reset();
        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
        assertThat(skippedIssues(restarted)).isEmpty();
        // a skipped account stays skipped: the restart resumes after the last committed chunk (which skipped it)
        new Ledger(jdbc).assertExactlyOnce(failed.getJobInstanceId(), accountsExcept(7));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE account_id BETWEEN 101 AND 105",
                Integer.class)).isZero();
    }

    private List<Long> accountsExcept(long... skipped) {
        return LongStream.rangeClosed(1, ACCOUNTS).filter(id -> LongStream.of(skipped).noneMatch(s -> s == id))
                .boxed().toList();
    }

    private List<List<Object>> skippedIssues(JobExecution execution) {
        return jdbc.query("""
                SELECT account_id, problem FROM snapshot_run_issues
                WHERE job_execution_id = ? AND issue_type = 'skipped' ORDER BY account_id""",
                (rs, n) -> List.of(rs.getLong("account_id"), rs.getString("problem")), execution.getId());
    }

    private long snapshotCount(JobExecution execution) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?", Long.class,
                execution.getJobInstanceId());
    }
}
