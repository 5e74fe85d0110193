package com.accountsnapshot.operations;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Builds {@link RunReport}s from a job execution and what it wrote. */
@Component
public class RunReports {

    private final JdbcTemplate jdbc;

    RunReports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public RunReport of(JobExecution execution) {
        Long significant = jdbc.queryForObject("""
                SELECT count(*) FROM account_snapshots WHERE job_execution_id = ? AND is_significant_change""",
                Long.class, execution.getId());
        Long issues = jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = ?",
                Long.class, execution.getId());
        return RunReport.of(execution, significant == null ? 0 : significant, issues == null ? 0 : issues);
    }
}
