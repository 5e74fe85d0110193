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
        long[] snapshots = jdbc.queryForObject("""
                SELECT count(*) AS stored, count(*) FILTER (WHERE is_significant_change) AS significant
                FROM account_snapshots WHERE job_execution_id = ?""",
                (rs, n) -> new long[] {rs.getLong("stored"), rs.getLong("significant")}, execution.getId());
        Long issues = jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = ?",
                Long.class, execution.getId());
        return RunReport.of(execution, snapshots[0], snapshots[1], issues == null ? 0 : issues);
    }
}
