package com.accountsnapshot.api.internal;

import java.time.OffsetDateTime;
import java.util.List;

import com.accountsnapshot.api.internal.RunIssue;
import com.accountsnapshot.api.internal.RunIssues;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the issues a run recorded in snapshot_run_issues, a page at a time. */
@Component
public class JdbcRunIssueQueries {

    private final JdbcClient jdbc;

    JdbcRunIssueQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the run's issues in the order they were recorded, with how many it recorded in all. */
    public RunIssues page(long executionId, int page, int size) {
        long total = jdbc.sql("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = :executionId")
                .param("executionId", executionId)
                .query(Long.class)
                .single();
        return new RunIssues(total, page, size, issues(executionId, (long) page * size, size));
    }

    private List<RunIssue> issues(long executionId, long offset, int limit) {
        return jdbc.sql("""
                SELECT issue_id, account_id, issue_type, field, problem, raw_value, created_at
                FROM snapshot_run_issues WHERE job_execution_id = :executionId
                ORDER BY issue_id LIMIT :limit OFFSET :offset""")
                .param("executionId", executionId)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, n) -> new RunIssue(rs.getLong("issue_id"), rs.getObject("account_id", Long.class),
                        rs.getString("issue_type"), rs.getString("field"), rs.getString("problem"),
                        rs.getString("raw_value"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
