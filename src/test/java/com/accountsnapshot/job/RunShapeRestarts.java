package com.accountsnapshot.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the restart tests of a run's shape share: 100 accounts, a run started with a given shape that fails in the
 * chunk of account 55 (chunk size 10), its restart, and the check that every account ends with one snapshot.
 */
final class RunShapeRestarts {

    private final SnapshotRuns runs;

    private final JobOperator jobOperator;

    private final Job job;

    private final JdbcTemplate jdbc;

    RunShapeRestarts(SnapshotRuns runs, JobOperator jobOperator, Job job, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jobOperator = jobOperator;
        this.job = job;
        this.jdbc = jdbc;
    }

    void seedHundredAccounts() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("""
                INSERT INTO accounts (account_id, customer_id, account_name, revenue, account_status)
                SELECT i, 1 + i % 7, 'Account ' || i, i * 100, 'active' FROM generate_series(1, 100) AS i""");
    }

    /**
     * Starts a run recording {@code shape}, as a launch under a setting giving that shape does, and returns it
     * once it has ended.
     */
    JobExecution startWith(RunShape shape) throws Exception {
        SnapshotRequest request = runs.request(Map.of("asOf", "2026-11-28T00:00:00Z"));
        long id = jobOperator.start(job, shape.addTo(request.toJobParameters())).getId();
        return await().atMost(Duration.ofSeconds(30)).until(() -> runs.get(id), execution -> !execution.isRunning());
    }

    JobExecution restart(JobExecution failed) throws Exception {
        return runs.awaitEnd(runs.restart(failed.getId()));
    }

    static List<String> stepNames(JobExecution execution) {
        return execution.getStepExecutions().stream().map(StepExecution::getStepName).sorted().toList();
    }

    int snapshotsOf(JobExecution execution) {
        return jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE job_instance_id = ?",
                Integer.class, execution.getJobInstanceId());
    }

    void assertEveryAccountSnapshottedOnce(JobExecution execution) {
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT account_id) FROM account_snapshots WHERE job_instance_id = ?",
                Integer.class, execution.getJobInstanceId())).isEqualTo(100);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(100);
    }
}
