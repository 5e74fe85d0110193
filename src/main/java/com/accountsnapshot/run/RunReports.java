package com.accountsnapshot.run;

import java.time.OffsetDateTime;

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

    private static final String CHANGES = """
            SELECT count(*) AS stored,
                   count(*) FILTER (WHERE s.previous_snapshot_id IS NOT NULL) AS with_previous,
                   count(*) FILTER (WHERE s.health_score_change_from_last <> 0) AS health_changed,
                   count(*) FILTER (WHERE s.revenue_change_from_last <> 0) AS revenue_changed,
                   count(*) FILTER (WHERE p.snapshot_id IS NOT NULL
                                    AND p.account_status IS DISTINCT FROM s.account_status) AS status_changed,
                   count(*) FILTER (WHERE s.previous_snapshot_id IS NOT NULL
                                    AND s.health_score_trend = 'improving') AS improving,
                   count(*) FILTER (WHERE s.previous_snapshot_id IS NOT NULL
                                    AND s.health_score_trend = 'declining') AS declining,
                   count(*) FILTER (WHERE s.is_significant_change) AS significant
            FROM account_snapshots s
            LEFT JOIN account_snapshots p ON p.snapshot_id = s.previous_snapshot_id
            WHERE s.job_execution_id = ?""";

    /** The accounts the calculator filtered as out of order, as recorded in the run's issues. */
    private static final String OUT_OF_ORDER = """
            SELECT count(*) AS accounts, max(CAST(raw_value AS timestamptz)) AS latest
            FROM snapshot_run_issues
            WHERE job_execution_id = ? AND issue_type = 'skipped' AND field = 'snapshot_timestamp'
              AND problem LIKE 'out of order:%'""";

    public RunReport of(JobExecution execution) {
        long[] stored = new long[1];
        RunReport.Changes changes = jdbc.queryForObject(CHANGES, (rs, n) -> {
            stored[0] = rs.getLong("stored");
            return new RunReport.Changes(rs.getLong("with_previous"), rs.getLong("health_changed"),
                    rs.getLong("revenue_changed"), rs.getLong("status_changed"), rs.getLong("improving"),
                    rs.getLong("declining"), rs.getLong("significant"));
        }, execution.getId());
        Long issues = jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = ?",
                Long.class, execution.getId());
        RunReport.OutOfOrder outOfOrder = jdbc.queryForObject(OUT_OF_ORDER, (rs, n) -> {
            OffsetDateTime latest = rs.getObject("latest", OffsetDateTime.class);
            return new RunReport.OutOfOrder(rs.getLong("accounts"), latest == null ? null : latest.toInstant());
        }, execution.getId());
        return RunReport.of(execution, stored[0], changes, issues == null ? 0 : issues,
                outOfOrder == null ? RunReport.OutOfOrder.NONE : outOfOrder);
    }
}
