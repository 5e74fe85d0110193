package com.accountsnapshot.job;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step reads its run's parameters once per step execution, {@code force} in both the Boolean form runs are
 * launched with and the text form older executions hold; and every account is calculated exactly once, the
 * issues of a filtered one included.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
@Import(SnapshotStepTest.CountedCalculation.class)
class SnapshotStepTest {

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Calculations calculations;

    @BeforeEach
    void threeAccountsSnapshottedAnHourBeforeAsOf() throws Exception {
        new TestPortfolio(jdbc).clean().cleanJobRepository()
                .account(1, 100, "Acme", "1000.00", "active", null)
                .account(2, 100, "Globex", "2000.00", "active", null)
                .account(3, 200, "Initech", "3000.00", "active", null);
        assertThat(runs.run(Map.of("asOf", "2026-11-27T23:00:00Z")).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        calculations.reset();
    }

    @Test
    void forceIsLaunchedAsANonIdentifyingBooleanParameter() throws Exception {
        // when
        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z", "snapshotType", "scheduled",
                "force", "true"));

        // then
        assertThat(execution.getJobParameters().getParameter("force").type()).isEqualTo(Boolean.class);
        assertThat(execution.getJobParameters().getParameter("force").value()).isEqualTo(true);
        assertThat(execution.getJobParameters().getParameter("force").identifying()).isFalse();
        assertThat(step(execution).getWriteCount()).isEqualTo(3);
    }

    @Test
    void aRestartOfAnExecutionHoldingForceAsTheTextTrueReadsItAsTrue() throws Exception {
        // given: a scheduled run within the 24 h cooldown of the accounts' snapshots, failed before any chunk
        JobExecution failed = failedExecution("true");

        // when
        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        // then: forced, every account is snapshotted despite the cooldown
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
        assertThat(restarted.getJobParameters().getParameter("force").value()).isEqualTo("true");
        assertThat(step(restarted).getWriteCount()).isEqualTo(3);
        assertThat(step(restarted).getFilterCount()).isZero();
    }

    @Test
    void aRestartOfAnExecutionHoldingForceAsTheTextFalseReadsItAsFalse() throws Exception {
        // given
        JobExecution failed = failedExecution("false");

        // when
        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        // then: not forced, the cooldown filters every account
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step(restarted).getWriteCount()).isZero();
        assertThat(step(restarted).getFilterCount()).isEqualTo(3);
    }

    @Test
    void everyAccountIsCalculatedOnceAndAFilteredAccountsIssuesAreRecordedOnce() throws Exception {
        // given: account 3 has a snapshot after the run's asOf, so it is filtered out of order, with an issue
        assertThat(runs.run(Map.of("asOf", "2026-11-29T00:00:00Z", "customerId", "200")).getStatus())
                .isEqualTo(BatchStatus.COMPLETED);
        calculations.reset();

        // when
        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        // then
        assertThat(step(execution).getWriteCount()).isEqualTo(2);
        assertThat(step(execution).getFilterCount()).isEqualTo(1);
        assertThat(calculations.byAccount()).isEqualTo(Map.of(1L, 1, 2L, 1, 3L, 1));
        assertThat(jdbc.queryForList("""
                SELECT account_id || ' ' || issue_type || ' ' || field FROM snapshot_run_issues
                WHERE job_execution_id = ?""", String.class, execution.getId()))
                .containsExactly("3 skipped snapshot_timestamp");
    }

    /** An execution of a scheduled run as earlier versions launched it, force as text, that failed. */
    private JobExecution failedExecution(String force) throws Exception {
        JobParameters parameters = new JobParametersBuilder()
                .addString("asOf", "2026-11-28T00:00:00Z", true)
                .addString("snapshotType", "scheduled", true)
                .addString("force", force, false)
                .toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("accountSnapshotJob", parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(java.time.LocalDateTime.now());
        jobRepository.update(execution);
        return execution;
    }

    private static StepExecution step(JobExecution execution) {
        List<StepExecution> steps = List.copyOf(execution.getStepExecutions());
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }

    /** Counts the calculations of each account. */
    static final class Calculations {

        private final Map<Long, AtomicInteger> counts = new ConcurrentHashMap<>();

        void reset() {
            counts.clear();
        }

        void counted(long accountId) {
            counts.computeIfAbsent(accountId, id -> new AtomicInteger()).incrementAndGet();
        }

        Map<Long, Integer> byAccount() {
            Map<Long, Integer> byAccount = new java.util.TreeMap<>();
            counts.forEach((accountId, count) -> byAccount.put(accountId, count.get()));
            return byAccount;
        }
    }

    /** The product's calculation, counted. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountedCalculation {

        @Bean
        Calculations calculations() {
            return new Calculations();
        }

        @Bean
        @Primary
        AccountCalculation countedAccountCalculation(Calculations calculations) {
            SnapshotCalculator calculator = new SnapshotCalculator();
            return (context, run) -> {
                calculations.counted(context.account().accountId());
                return calculator.calculate(context, run);
            };
        }
    }
}
