package com.accountsnapshot.snapshot.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.HealthTrend;
import com.accountsnapshot.snapshot.Kpi;
import com.accountsnapshot.snapshot.PlaybookExecution;
import com.accountsnapshot.snapshot.PreviousSnapshot;
import com.accountsnapshot.snapshot.Product;
import com.accountsnapshot.snapshot.TrackedFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Gathers the related rows of a whole chunk of accounts in a fixed number of queries (one per related
 * table), whatever the chunk size. Each query joins the chunk's (account_id, customer_id) pairs, passed as
 * two arrays, on both columns, so a row filed under another customer never reaches an account. Previous
 * snapshots are the exception: they are the account's own history, read from its head (one row per account)
 * matched on account_id alone.
 * <p>
 * Every other query also binds the run's as-of instant and reads the rows as they were then: of the rows that
 * carry a time, only those that existed at that instant (see {@code docs/snapshot-fields.md}, "Point in time"),
 * so that a run made up late, or a backfill, does not see what was added after its instant.
 */
public final class JdbcAccountContextLoader {

    /** The number of queries {@link #load} runs for any non-empty chunk. */
    public static final int QUERIES_PER_CHUNK = 8;

    private static final String CHUNK = "unnest(?::bigint[], ?::bigint[]) AS c(account_id, customer_id)";

    /** The chunk with the run's as-of instant ({@code point.as_of}) and its UTC year and month. */
    private static final String CHUNK_AT = CHUNK + """

            CROSS JOIN (SELECT as_of, extract(year FROM as_of AT TIME ZONE 'UTC')::int AS year,
                               extract(month FROM as_of AT TIME ZONE 'UTC')::int AS month
                        FROM (SELECT CAST(? AS timestamptz) AS as_of) t) point""";

    private static final String PRODUCTS = """
            SELECT p.account_id, p.product_id, p.product_name
            FROM %s
            JOIN products p ON p.account_id = c.account_id AND p.customer_id = c.customer_id
            WHERE p.created_at IS NULL OR p.created_at <= point.as_of
            ORDER BY p.account_id, p.product_id""".formatted(CHUNK_AT);

    private static final String KPIS = """
            SELECT k.account_id, k.kpi_id, k.product_id, k.category, k.kpi_parameter, k.data, k.impact_level
            FROM %s
            JOIN kpis k ON k.account_id = c.account_id AND k.customer_id = c.customer_id
            WHERE k.created_at IS NULL OR k.created_at <= point.as_of
            ORDER BY k.account_id, k.kpi_id""".formatted(CHUNK_AT);

    private static final String LATEST_TRENDS = """
            SELECT c.account_id, t.year, t.month, t.overall_health_score, t.product_usage_score, t.support_score,
                   t.customer_sentiment_score, t.business_outcomes_score, t.relationship_strength_score
            FROM %s
            CROSS JOIN LATERAL (
                SELECT * FROM health_trends h
                WHERE h.account_id = c.account_id AND h.customer_id = c.customer_id
                  -- the month's first day at 00:00 UTC is not after asOf; a row without a month is read as it is
                  AND (h.year IS NULL OR h.month IS NULL OR (h.year, h.month) <= (point.year, point.month))
                ORDER BY h.year DESC NULLS LAST, h.month DESC NULLS LAST
                LIMIT 1) t""".formatted(CHUNK_AT);

    private static final String PLAYBOOK_EXECUTIONS = """
            SELECT e.account_id, e.id, e.playbook_id, e.status, e.started_at, e.completed_at
            FROM %s
            JOIN playbook_executions e ON e.account_id = c.account_id AND e.customer_id = c.customer_id
            WHERE e.started_at <= point.as_of
            ORDER BY e.account_id, e.started_at, e.id""".formatted(CHUNK_AT);

    private static final String ACTIVE_TRIGGERS = """
            SELECT DISTINCT t.customer_id, t.playbook_type
            FROM playbook_triggers t
            WHERE t.customer_id = ANY(?::bigint[]) AND t.auto_trigger_enabled AND t.playbook_type IS NOT NULL
            ORDER BY t.customer_id, t.playbook_type""";

    private static final String RECENT_REPORTS = """
            SELECT c.account_id, r.report_id
            FROM %s
            CROSS JOIN LATERAL (
                SELECT report_id FROM playbook_reports p
                WHERE p.account_id = c.account_id AND p.customer_id = c.customer_id
                  AND p.report_generated_at <= point.as_of
                ORDER BY p.report_generated_at DESC, p.report_id DESC
                LIMIT 3) r""".formatted(CHUNK_AT);

    private static final String RECENT_NOTES = """
            SELECT c.account_id, n.note_id
            FROM %s
            CROSS JOIN LATERAL (
                SELECT note_id FROM account_notes a
                WHERE a.account_id = c.account_id AND a.customer_id = c.customer_id
                  AND a.created_at <= point.as_of
                ORDER BY a.created_at DESC, a.note_id DESC
                LIMIT 5) n""".formatted(CHUNK_AT);

    /**
     * The account's latest snapshot and the one before it, from its head ({@code account_snapshot_heads}, kept in
     * the transaction of every insert): one row per account however deep its history, never a read of the history.
     */
    private static final String PREVIOUS_SNAPSHOTS = """
            SELECT h.account_id, h.snapshot_id, h.snapshot_sequence_number, h.snapshot_timestamp,
                   h.overall_health_score, h.revenue, h.account_status, h.tracked_fields, h.prior_snapshot_id,
                   h.prior_sequence_number, h.prior_snapshot_timestamp, h.prior_overall_health_score, h.prior_revenue,
                   h.prior_account_status
            FROM %s
            JOIN account_snapshot_heads h ON h.account_id = c.account_id""".formatted(CHUNK);

    private final JdbcTemplate jdbc;

    private final Instant asOf;

    /**
     * @param asOf the run's as-of instant: of the related rows that carry a time, only those that existed then
     *        are read (see {@code docs/snapshot-fields.md}, "Point in time")
     */
    public JdbcAccountContextLoader(JdbcTemplate jdbc, Instant asOf) {
        this.jdbc = jdbc;
        this.asOf = asOf;
    }

    /**
     * {@code jsonb_build_object('account_name', <alias>.account_name, ...)} over the tracked fields of the
     * {@code account_snapshots} row {@code alias}: each column's stored value as jsonb.
     */
    public static String storedFieldsSql(String alias) {
        return TrackedFields.NAMES.stream().map(name -> "'" + name + "', " + alias + "." + name)
                .collect(Collectors.joining(", ", "jsonb_build_object(", ")"));
    }

    /** The accounts with their related rows as of the run's instant, in the order given. */
    public List<AccountContext> load(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        long[] accountIds = accounts.stream().mapToLong(Account::accountId).toArray();
        long[] customerIds = accounts.stream().mapToLong(Account::customerId).toArray();
        Map<Long, List<Product>> products = byAccount(PRODUCTS, accountIds, customerIds,
                (rs, n) -> new Product(rs.getLong("product_id"), rs.getString("product_name")));
        Map<Long, List<Kpi>> kpis = byAccount(KPIS, accountIds, customerIds, (rs, n) -> new Kpi(
                rs.getLong("kpi_id"), nullableLong(rs, "product_id"), rs.getString("category"),
                rs.getString("kpi_parameter"), rs.getString("data"), rs.getString("impact_level")));
        Map<Long, List<HealthTrend>> trends = byAccount(LATEST_TRENDS, accountIds, customerIds, (rs, n) ->
                new HealthTrend(rs.getInt("year"), rs.getInt("month"), rs.getBigDecimal("overall_health_score"),
                        rs.getBigDecimal("product_usage_score"), rs.getBigDecimal("support_score"),
                        rs.getBigDecimal("customer_sentiment_score"), rs.getBigDecimal("business_outcomes_score"),
                        rs.getBigDecimal("relationship_strength_score")));
        Map<Long, List<PlaybookExecution>> executions = byAccount(PLAYBOOK_EXECUTIONS, accountIds, customerIds,
                (rs, n) -> new PlaybookExecution(rs.getLong("id"), rs.getString("playbook_id"),
                        rs.getString("status"), instant(rs, "started_at"), instant(rs, "completed_at")));
        Map<Long, List<String>> triggers = activeTriggers(customerIds);
        Map<Long, List<Long>> reports = byAccount(RECENT_REPORTS, accountIds, customerIds,
                (rs, n) -> rs.getLong("report_id"));
        Map<Long, List<Long>> notes = byAccount(RECENT_NOTES, accountIds, customerIds,
                (rs, n) -> rs.getLong("note_id"));
        Map<Long, List<PreviousSnapshot>> previous = new HashMap<>();
        byAccount(PREVIOUS_SNAPSHOTS, false, accountIds, customerIds, (rs, n) -> previousSnapshots(rs))
                .forEach((id, heads) -> previous.put(id, heads.get(0)));

        List<AccountContext> contexts = new ArrayList<>(accounts.size());
        for (Account account : accounts) {
            long id = account.accountId();
            List<HealthTrend> trend = trends.getOrDefault(id, List.of());
            contexts.add(new AccountContext(account,
                    products.getOrDefault(id, List.of()),
                    kpis.getOrDefault(id, List.of()),
                    trend.isEmpty() ? null : trend.get(0),
                    executions.getOrDefault(id, List.of()),
                    triggers.getOrDefault(account.customerId(), List.of()),
                    reports.getOrDefault(id, List.of()),
                    notes.getOrDefault(id, List.of()),
                    previous.getOrDefault(id, List.of())));
        }
        return contexts;
    }

    /** The rows of a chunk query that binds the run's as-of instant after the chunk. */
    private <T> Map<Long, List<T>> byAccount(String sql, long[] accountIds, long[] customerIds, RowMapper<T> mapper) {
        return byAccount(sql, true, accountIds, customerIds, mapper);
    }

    private <T> Map<Long, List<T>> byAccount(String sql, boolean bindsAsOf, long[] accountIds, long[] customerIds,
            RowMapper<T> mapper) {
        Map<Long, List<T>> rows = new HashMap<>();
        jdbc.query(sql, ps -> {
            ps.setArray(1, bigintArray(ps, accountIds));
            ps.setArray(2, bigintArray(ps, customerIds));
            if (bindsAsOf) {
                ps.setObject(3, asOf.atOffset(ZoneOffset.UTC));
            }
        }, (ResultSet rs) -> {
            rows.computeIfAbsent(rs.getLong("account_id"), id -> new ArrayList<>()).add(mapper.mapRow(rs, 0));
        });
        return rows;
    }

    /** The latest snapshot, with its stored tracked fields, then the one before it if there is one. */
    private static List<PreviousSnapshot> previousSnapshots(ResultSet rs) throws SQLException {
        PreviousSnapshot latest = new PreviousSnapshot(rs.getLong("snapshot_id"), rs.getInt("snapshot_sequence_number"),
                instant(rs, "snapshot_timestamp"), rs.getBigDecimal("overall_health_score"), rs.getBigDecimal("revenue"),
                rs.getString("account_status"), readStoredFields(rs.getString("tracked_fields")));
        long priorId = rs.getLong("prior_snapshot_id");
        if (rs.wasNull()) {
            return List.of(latest);
        }
        return List.of(latest, new PreviousSnapshot(priorId, rs.getInt("prior_sequence_number"),
                instant(rs, "prior_snapshot_timestamp"), rs.getBigDecimal("prior_overall_health_score"),
                rs.getBigDecimal("prior_revenue"), rs.getString("prior_account_status"), Map.of()));
    }

    private Map<Long, List<String>> activeTriggers(long[] customerIds) {
        Set<Long> distinct = new LinkedHashSet<>();
        for (long customerId : customerIds) {
            distinct.add(customerId);
        }
        long[] customers = distinct.stream().mapToLong(Long::longValue).toArray();
        Map<Long, List<String>> rows = new HashMap<>();
        jdbc.query(ACTIVE_TRIGGERS, ps -> ps.setArray(1, bigintArray(ps, customers)), (ResultSet rs) -> {
            rows.computeIfAbsent(rs.getLong("customer_id"), id -> new ArrayList<>()).add(rs.getString("playbook_type"));
        });
        return rows;
    }

    private static Array bigintArray(PreparedStatement ps, long[] values) throws SQLException {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return ps.getConnection().createArrayOf("bigint", boxed);
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    /** The tracked fields of a stored snapshot, by name, from their jsonb object. */
    public static Map<String, JsonNode> readStoredFields(String json) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        SnapshotJson.read(json).properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        return fields;
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
