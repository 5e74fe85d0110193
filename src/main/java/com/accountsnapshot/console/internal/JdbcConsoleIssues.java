package com.accountsnapshot.console.internal;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A run's issues a page at a time, optionally only those of one field or one kind ({@code warning},
 * {@code skipped}). The caller has checked that the principal may see the run.
 */
@Component
public class JdbcConsoleIssues {

    /** The kinds of issue a run records. */
    public static final List<String> KINDS = List.of("warning", "skipped");

    private final JdbcClient jdbc;

    JdbcConsoleIssues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One issue: the account, its kind, the field, what was wrong and the value read. */
    public record Issue(long issueId, @Nullable Long accountId, String kind, @Nullable String field, String problem,
            @Nullable String rawValue) {
    }

    /** A page of issues with the number that pass the filter. */
    public record IssuePage(List<Issue> items, long total, int page, int size) {

        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }
    }

    public IssuePage page(long executionId, @Nullable String field, @Nullable String kind, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE job_execution_id = :executionId");
        MapSqlParameterSource parameters = new MapSqlParameterSource("executionId", executionId);
        if (field != null) {
            where.append(" AND field = :field");
            parameters.addValue("field", field);
        }
        if (kind != null) {
            where.append(" AND issue_type = :kind");
            parameters.addValue("kind", kind);
        }
        long total = jdbc.sql("SELECT count(*) FROM snapshot_run_issues" + where).paramSource(parameters)
                .query(Long.class).single();
        parameters.addValue("limit", size).addValue("offset", (long) page * size);
        List<Issue> items = jdbc.sql("""
                SELECT issue_id, account_id, issue_type, field, problem, raw_value FROM snapshot_run_issues"""
                + where + " ORDER BY issue_id LIMIT :limit OFFSET :offset")
                .paramSource(parameters)
                .query((rs, n) -> new Issue(rs.getLong("issue_id"), rs.getObject("account_id", Long.class),
                        rs.getString("issue_type"), rs.getString("field"), rs.getString("problem"),
                        rs.getString("raw_value")))
                .list();
        return new IssuePage(items, total, page, size);
    }

    /** The fields a run recorded issues for, for the filter's choices. */
    public List<String> fields(long executionId) {
        return jdbc.sql("""
                SELECT DISTINCT field FROM snapshot_run_issues
                WHERE job_execution_id = :executionId AND field IS NOT NULL ORDER BY field""")
                .param("executionId", executionId)
                .query(String.class)
                .list();
    }
}
