package com.accountsnapshot.api.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads one account's snapshots from account_snapshots, newest (greatest snapshot_sequence_number) first, only
 * of the customers the principal may see: the customer filter is part of every query, so an account of another
 * customer looks exactly like one that does not exist.
 */
@Component
public class JdbcAccountSnapshotQueries {

    private static final SnapshotRowMapper SNAPSHOTS = new SnapshotRowMapper();

    /** The principal's customers: every one, or those in the array. */
    private static final String VISIBLE = "(:unrestricted OR customer_id = ANY(:customers))";

    private final JdbcClient jdbc;

    JdbcAccountSnapshotQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account is in accounts, or was once: it still has snapshots; either of a customer in scope. */
    public boolean isKnown(long accountId, CustomerScope scope) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM accounts WHERE account_id = :accountId AND %1$s)
                    OR EXISTS (SELECT 1 FROM account_snapshots WHERE account_id = :accountId AND %1$s)"""
                        .formatted(VISIBLE))
                .param("accountId", accountId)
                .params(visible(scope))
                .query(Boolean.class)
                .single();
    }

    /** The customer of an account in scope (empty for an account that does not exist or is out of scope). */
    public Optional<Long> customerOf(long accountId, CustomerScope scope) {
        return jdbc.sql("SELECT customer_id FROM accounts WHERE account_id = :accountId AND " + VISIBLE)
                .param("accountId", accountId)
                .params(visible(scope))
                .query(Long.class)
                .optional();
    }

    public long count(long accountId, CustomerScope scope) {
        return jdbc.sql("SELECT count(*) FROM account_snapshots WHERE account_id = :accountId AND " + VISIBLE)
                .param("accountId", accountId)
                .params(visible(scope))
                .query(Long.class)
                .single();
    }

    public List<Map<String, @Nullable Object>> history(long accountId, long offset, int limit, CustomerScope scope) {
        return jdbc.sql("""
                SELECT * FROM account_snapshots WHERE account_id = :accountId AND %s
                ORDER BY snapshot_sequence_number DESC LIMIT :limit OFFSET :offset""".formatted(VISIBLE))
                .param("accountId", accountId)
                .params(visible(scope))
                .param("limit", limit)
                .param("offset", offset)
                .query(SNAPSHOTS)
                .list();
    }

    public Optional<Map<String, @Nullable Object>> latest(long accountId, CustomerScope scope) {
        return history(accountId, 0, 1, scope).stream().findFirst();
    }

    /**
     * Snapshots newest first (by snapshot_timestamp, then snapshot_id), of one account or, with none given, of
     * every account in scope, taken at or after {@code since} when it is given.
     */
    public List<Map<String, @Nullable Object>> newestFirst(@Nullable Long accountId, @Nullable Instant since,
            int limit, CustomerScope scope) {
        // only fixed fragments are joined: every value is a bound parameter
        String accountCondition = accountId == null ? "" : " AND account_id = :accountId";
        String sinceCondition = since == null ? "" : " AND snapshot_timestamp >= :since";
        JdbcClient.StatementSpec statement = jdbc.sql("""
                SELECT * FROM account_snapshots WHERE %s%s%s
                ORDER BY snapshot_timestamp DESC, snapshot_id DESC LIMIT :limit"""
                        .formatted(VISIBLE, accountCondition, sinceCondition))
                .params(visible(scope))
                .param("limit", limit);
        if (accountId != null) {
            statement = statement.param("accountId", accountId);
        }
        if (since != null) {
            statement = statement.param("since", utc(since));
        }
        return statement.query(SNAPSHOTS).list();
    }

    /** One snapshot of an account, every column; empty when it is not one of the account's, or out of scope. */
    public Optional<Map<String, @Nullable Object>> snapshot(long accountId, long snapshotId, CustomerScope scope) {
        return jdbc.sql("""
                SELECT * FROM account_snapshots WHERE account_id = :accountId AND snapshot_id = :snapshotId AND """
                        + VISIBLE)
                .param("accountId", accountId)
                .param("snapshotId", snapshotId)
                .params(visible(scope))
                .query(SNAPSHOTS)
                .optional();
    }

    /** A snapshot by its id alone, every column; empty when there is none in scope. */
    public Optional<Map<String, @Nullable Object>> snapshot(long snapshotId, CustomerScope scope) {
        return jdbc.sql("SELECT * FROM account_snapshots WHERE snapshot_id = :snapshotId AND " + VISIBLE)
                .param("snapshotId", snapshotId)
                .params(visible(scope))
                .query(SNAPSHOTS)
                .optional();
    }

    /**
     * The columns whose stored values differ between two snapshots of an account, in table order, leaving out
     * those that identify the row itself ({@link #ROW_IDENTITY}). Values compare as jsonb does: numbers
     * numerically ({@code 1000.0} equals {@code 1000.00}), JSON structurally, null unlike any value.
     */
    public List<String> differingColumns(long accountId, long first, long second) {
        return jdbc.sql("""
                SELECT c.column_name
                FROM information_schema.columns c
                CROSS JOIN (SELECT to_jsonb(s) AS row FROM account_snapshots s
                            WHERE s.account_id = :accountId AND s.snapshot_id = :first) one
                CROSS JOIN (SELECT to_jsonb(s) AS row FROM account_snapshots s
                            WHERE s.account_id = :accountId AND s.snapshot_id = :second) two
                WHERE c.table_schema = current_schema() AND c.table_name = 'account_snapshots'
                  AND NOT c.column_name = ANY(:identity)
                  AND (one.row -> c.column_name) IS DISTINCT FROM (two.row -> c.column_name)
                ORDER BY c.ordinal_position""")
                .param("accountId", accountId)
                .param("first", first)
                .param("second", second)
                .param("identity", ROW_IDENTITY)
                .query(String.class)
                .list();
    }

    /** Columns that tell snapshots apart rather than describe the account: never listed as differences. */
    public static final String[] ROW_IDENTITY = {"snapshot_id", "job_instance_id",
            "job_execution_id", "previous_snapshot_id", "snapshot_sequence_number", "created_at"};

    /**
     * An account's snapshots taken at or after {@code since}, oldest first, each with the few columns a
     * series needs: scores, trend, revenue, status, playbook counts, the change flag and changed_fields.
     */
    public List<Map<String, @Nullable Object>> series(long accountId, Instant since, CustomerScope scope) {
        return jdbc.sql("""
                SELECT snapshot_id, snapshot_timestamp, snapshot_type, overall_health_score,
                       health_score_change_from_last, health_score_trend, revenue, revenue_change_percent,
                       account_status, playbooks_running_count, playbooks_completed_count, is_significant_change,
                       changed_fields
                FROM account_snapshots
                WHERE account_id = :accountId AND snapshot_timestamp >= :since AND %s
                ORDER BY snapshot_timestamp, snapshot_id""".formatted(VISIBLE))
                .param("accountId", accountId)
                .param("since", utc(since))
                .params(visible(scope))
                .query(SNAPSHOTS)
                .list();
    }

    /** The snapshot a run wrote for an account: the columns a creation answer shows. */
    public Optional<Map<String, @Nullable Object>> writtenBy(long executionId, long accountId) {
        return jdbc.sql("""
                SELECT snapshot_id, account_id, account_name, snapshot_timestamp, overall_health_score
                FROM account_snapshots WHERE account_id = :accountId AND job_execution_id = :executionId""")
                .param("accountId", accountId)
                .param("executionId", executionId)
                .query(SNAPSHOTS)
                .optional();
    }

    /** Why a run recorded an account as skipped (the problem of its {@code skipped} issue), if it did. */
    public Optional<String> skippedBecause(long executionId, long accountId) {
        return jdbc.sql("""
                SELECT problem FROM snapshot_run_issues
                WHERE job_execution_id = :executionId AND account_id = :accountId AND issue_type = 'skipped'
                ORDER BY issue_id LIMIT 1""")
                .param("executionId", executionId)
                .param("accountId", accountId)
                .query(String.class)
                .optional();
    }

    /** The snapshot_timestamp of an account's latest snapshot. */
    public Optional<Instant> latestTimestamp(long accountId) {
        return jdbc.sql("""
                SELECT snapshot_timestamp FROM account_snapshots WHERE account_id = :accountId
                ORDER BY snapshot_timestamp DESC LIMIT 1""")
                .param("accountId", accountId)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Map<String, Object> visible(CustomerScope scope) {
        return Map.of("unrestricted", scope.unrestricted(), "customers", scope.sqlArray());
    }
}
