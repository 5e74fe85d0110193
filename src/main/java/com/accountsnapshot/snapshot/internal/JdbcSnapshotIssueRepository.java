package com.accountsnapshot.snapshot.internal;

import java.sql.Types;
import java.util.List;

import com.accountsnapshot.snapshot.SnapshotIssue;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records what a run noticed about its input in {@code snapshot_run_issues}. Called inside the chunk's
 * transaction, so issues share the fate of the chunk they belong to.
 */
public final class JdbcSnapshotIssueRepository {

    private static final String INSERT = """
            INSERT INTO snapshot_run_issues (job_execution_id, account_id, issue_type, field, problem, raw_value)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    public JdbcSnapshotIssueRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One issue of one account. */
    public record AccountIssue(@Nullable Long accountId, SnapshotIssue issue) {
    }

    public void record(long jobExecutionId, List<AccountIssue> issues) {
        if (issues.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(INSERT, issues, issues.size(), (ps, entry) -> {
            SnapshotIssue issue = entry.issue();
            ps.setLong(1, jobExecutionId);
            ps.setObject(2, entry.accountId(), Types.BIGINT);
            ps.setString(3, issue.type());
            ps.setString(4, issue.field());
            ps.setString(5, issue.problem());
            ps.setString(6, issue.rawValue());
        });
    }
}
