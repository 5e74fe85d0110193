package com.accountsnapshot.job;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partitioned step: the same snapshots as a single-threaded run, field by field; a failed partition
 * restarts alone; every account exactly once across partitions.
 */
@SpringBootTest(properties = {"account-snapshot.job.partitioned=true", "account-snapshot.job.threads=3",
        "account-snapshot.job.chunk-size=25"})
@Import(RestartTest.FailureInjection.class)
class PartitionedJobTest {

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DemoPortfolioGenerator generator;

    @Autowired
    RestartTest.FailAfterWritingAccount failure;

    @BeforeEach
    void generatePortfolio() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("DELETE FROM demo_portfolios");
        generator.generate(400, 7);
        failure.disarm();
    }

    @Test
    void partitionedRunWritesTheSameSnapshotsAsTheSingleStepFieldByField() throws Exception {
        // history: a first snapshot of every account, then the snapshot both shapes must agree on
        JobExecution first = runs.run(Map.of("asOf", "2026-11-01T00:00:00Z"));
        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        jdbc.update("UPDATE accounts SET revenue = revenue * 1.2 WHERE account_id % 3 = 0");
        List<Map<String, Object>> partitioned = snapshotsAt(runs.run(Map.of("asOf", "2026-11-20T06:00:00Z")));
        String partitionedIssues = issues(first.getId());
        SnapshotCleanup.execute(jdbc, "DELETE FROM account_snapshots WHERE snapshot_timestamp = '2026-11-20T06:00:00Z'");
        jdbc.update("DELETE FROM snapshot_run_issues WHERE job_execution_id <> ?", first.getId());
        new TestPortfolio(jdbc).cleanJobRepository();

        JobExecution single = singleStepRun("2026-11-20T06:00:00Z");

        assertThat(single.getStepExecutions()).extracting(StepExecution::getStepName)
                .containsExactly("accountSnapshotStep");
        List<Map<String, Object>> expected = snapshotsAt(single);
        assertThat(expected).hasSize(400);
        assertThat(partitioned).isEqualTo(expected);
        assertThat(partitionedIssues).isNotEmpty().isEqualTo(issues(first.getId()));
    }

    @Test
    void aFailedPartitionRestartsAloneAndEveryAccountEndsExactlyOnce() throws Exception {
        long middle = jdbc.queryForObject("SELECT account_id FROM accounts ORDER BY account_id OFFSET 200 LIMIT 1",
                Long.class);
        failure.armAt(middle, 1);

        JobExecution failed = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        Map<BatchStatus, Long> partitions = workers(failed).stream()
                .collect(Collectors.groupingBy(StepExecution::getStatus, Collectors.counting()));
        assertThat(partitions).containsEntry(BatchStatus.COMPLETED, 2L).containsEntry(BatchStatus.FAILED, 1L);

        JobExecution restarted = runs.awaitEnd(runs.restart(failed.getId()));

        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(workers(restarted)).hasSize(1);
        assertThat(workers(restarted).get(0).getStepName()).isEqualTo(workers(failed).stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED).findFirst().orElseThrow().getStepName());
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT account_id) FROM account_snapshots WHERE job_instance_id = ?""", Integer.class,
                failed.getJobInstanceId())).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(400);
    }

    private static List<StepExecution> workers(JobExecution execution) {
        return execution.getStepExecutions().stream()
                .filter(step -> step.getStepName().startsWith("accountSnapshotWorkerStep")).toList();
    }

    private JobExecution singleStepRun(String asOf) throws Exception {
        try (var context = new org.springframework.boot.builder.SpringApplicationBuilder(
                com.accountsnapshot.AccountSnapshotApplication.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run("--account-snapshot.job.chunk-size=25")) {
            return context.getBean(SnapshotRuns.class).run(Map.of("asOf", asOf));
        }
    }

    private List<Map<String, Object>> snapshotsAt(JobExecution execution) {
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return jdbc.queryForList("SELECT " + PartitionedColumns.COMPARED
                + " FROM account_snapshots WHERE job_execution_id = ? ORDER BY account_id", execution.getId());
    }

    /** The issues recorded by every run but the first (whose issues are kept apart by its execution id). */
    private String issues(long firstExecutionId) {
        return jdbc.queryForObject("""
                SELECT string_agg(account_id || '|' || issue_type || '|' || coalesce(field, '') || '|' || problem
                                  || '|' || coalesce(raw_value, ''), E'\\n' ORDER BY account_id, field, problem)
                FROM snapshot_run_issues WHERE job_execution_id <> ?""", String.class, firstExecutionId);
    }
}
