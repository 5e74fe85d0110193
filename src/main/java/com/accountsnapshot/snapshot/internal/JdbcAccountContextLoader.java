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
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.core.ResultSetExtractor;
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
 * <p>
 * A chunk whose account ids lie close together (the reader pages by account_id, so a whole-portfolio run's chunks
 * do) is read by range instead: each related table as one index range scan over {@code account_id BETWEEN lo AND hi}
 * in index order, with no join and no sort, a row kept only when its customer is the one its account has in the
 * chunk (an array indexed by {@code account_id - lo}, null for the ids in the range that the chunk does not hold).
 * The newest rows per account (reports, notes) are taken over that ordered scan by {@code row_number()}. A sparse
 * chunk (a customer's accounts spread over the id space) keeps the index lookup per account, which reads nothing
 * outside the chunk. Both ways run the same number of queries.
 * <p>
 * The latest health trend month is the exception: one row per account, read by an index lookup per account
 * ({@code LIMIT 1} in the index's order) for every chunk. Over a range, {@code DISTINCT ON} read every month of
 * every account (about 11 rows for one kept), and once the prepared statement went over to PostgreSQL's generic
 * plan, that plan bitmap-scanned and sorted them: 5.6 ms a chunk of 500 against 1.1 ms for the lookups.
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
     * A chunk whose ids span less than this many times its size is read by range: the scans then read the rows of
     * fewer than this many accounts per account of the chunk.
     */
    static final int RANGE_SPREAD = 4;

    /**
     * The chunk as an id range ({@code point.lo}, {@code point.hi}) with the customer of each account of the range
     * ({@code point.customers[account_id - lo + 1]}, null for an id the chunk does not hold), and the run's as-of
     * instant with its UTC year and month.
     */
    private static final String RANGE_AT = """
            (SELECT lo, hi, customers, as_of, extract(year FROM as_of AT TIME ZONE 'UTC')::int AS year,
                    extract(month FROM as_of AT TIME ZONE 'UTC')::int AS month
             FROM (SELECT CAST(? AS bigint) AS lo, CAST(? AS bigint) AS hi, CAST(? AS bigint[]) AS customers,
                          CAST(? AS timestamptz) AS as_of) t) point""";

    /** Of the range's rows of table alias {@code %1$s}, those of the chunk's accounts under their own customer. */
    private static final String IN_RANGE = """
            %1$s.account_id BETWEEN point.lo AND point.hi
              AND %1$s.customer_id = point.customers[%1$s.account_id - point.lo + 1]""";

    private static final String PRODUCTS_IN_RANGE = """
            SELECT p.account_id, p.product_id, p.product_name
            FROM products p CROSS JOIN %s
            WHERE %s
              AND (p.created_at IS NULL OR p.created_at <= point.as_of)
            ORDER BY p.account_id, p.customer_id, p.product_id""".formatted(RANGE_AT, IN_RANGE.formatted("p"));

    private static final String KPIS_IN_RANGE = """
            SELECT k.account_id, k.kpi_id, k.product_id, k.category, k.kpi_parameter, k.data, k.impact_level
            FROM kpis k CROSS JOIN %s
            WHERE %s
              AND (k.created_at IS NULL OR k.created_at <= point.as_of)
            ORDER BY k.account_id, k.customer_id, k.kpi_id""".formatted(RANGE_AT, IN_RANGE.formatted("k"));

    private static final String PLAYBOOK_EXECUTIONS_IN_RANGE = """
            SELECT e.account_id, e.id, e.playbook_id, e.status, e.started_at, e.completed_at
            FROM playbook_executions e CROSS JOIN %s
            WHERE %s
              AND e.started_at <= point.as_of
            ORDER BY e.account_id, e.customer_id, e.started_at, e.id""".formatted(RANGE_AT, IN_RANGE.formatted("e"));

    private static final String RECENT_REPORTS_IN_RANGE = """
            SELECT account_id, report_id
            FROM (SELECT p.account_id, p.report_id, row_number() OVER (PARTITION BY p.account_id, p.customer_id
                          ORDER BY p.report_generated_at DESC, p.report_id DESC) AS newest
                  FROM playbook_reports p CROSS JOIN %s
                  WHERE %s
                    AND p.report_generated_at <= point.as_of) r
            WHERE newest <= 3""".formatted(RANGE_AT, IN_RANGE.formatted("p"));

    private static final String RECENT_NOTES_IN_RANGE = """
            SELECT account_id, note_id
            FROM (SELECT a.account_id, a.note_id, row_number() OVER (PARTITION BY a.account_id, a.customer_id
                          ORDER BY a.created_at DESC, a.note_id DESC) AS newest
                  FROM account_notes a CROSS JOIN %s
                  WHERE %s
                    AND a.created_at <= point.as_of) n
            WHERE newest <= 5""".formatted(RANGE_AT, IN_RANGE.formatted("a"));

    /**
     * The account's latest snapshot and the one before it, from its head ({@code account_snapshot_heads}, kept in
     * the transaction of every insert), and the latest snapshot's tracked columns from its row, looked up by the
     * row's key the head holds: one row per account however deep its history, never a read of the history. The
     * tracked columns come first, in {@link TrackedFields#NAMES} order.
     */
    private static final String PREVIOUS_SNAPSHOTS = """
            SELECT %s,
                   h.account_id, h.snapshot_id, h.snapshot_sequence_number, h.snapshot_timestamp,
                   h.overall_health_score, h.revenue, h.account_status, h.prior_snapshot_id, h.prior_sequence_number,
                   h.prior_snapshot_timestamp, h.prior_overall_health_score, h.prior_revenue, h.prior_account_status
            FROM %s
            JOIN account_snapshot_heads h ON h.account_id = c.account_id
            JOIN account_snapshots s ON s.snapshot_id = h.snapshot_id AND s.snapshot_timestamp = h.snapshot_timestamp"""
            .formatted(TrackedFields.NAMES.stream().map(name -> "s." + name).collect(Collectors.joining(", ")), CHUNK);

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
        ChunkQuery chunk = ChunkQuery.of(accountIds, customerIds, asOf);
        Map<Long, List<Product>> products = byAccount(chunk.dense() ? PRODUCTS_IN_RANGE : PRODUCTS, chunk,
                (rs, n) -> new Product(rs.getLong(2), rs.getString(3)));
        Map<Long, List<Kpi>> kpis = byAccount(chunk.dense() ? KPIS_IN_RANGE : KPIS, chunk, (rs, n) -> new Kpi(
                rs.getLong(2), nullableLong(rs, 3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7)));
        Map<Long, List<HealthTrend>> trends = byAccount(LATEST_TRENDS, chunk::bindLookups,
                (rs, n) -> new HealthTrend(rs.getInt(2), rs.getInt(3), rs.getBigDecimal(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9)));
        Map<Long, List<PlaybookExecution>> executions = byAccount(chunk.dense() ? PLAYBOOK_EXECUTIONS_IN_RANGE
                : PLAYBOOK_EXECUTIONS, chunk, (rs, n) -> new PlaybookExecution(rs.getLong(2),
                        rs.getString(3), rs.getString(4), instant(rs, 5), instant(rs, 6)));
        Map<Long, List<String>> triggers = activeTriggers(customerIds);
        Map<Long, List<Long>> reports = byAccount(chunk.dense() ? RECENT_REPORTS_IN_RANGE : RECENT_REPORTS, chunk,
                (rs, n) -> rs.getLong(2));
        Map<Long, List<Long>> notes = byAccount(chunk.dense() ? RECENT_NOTES_IN_RANGE : RECENT_NOTES, chunk,
                (rs, n) -> rs.getLong(2));
        Map<Long, List<PreviousSnapshot>> previous = new HashMap<>();
        StoredFields storedFields = new StoredFields(1);
        byAccount(PREVIOUS_SNAPSHOTS, accountIds, customerIds, (rs, n) -> previousSnapshots(rs, storedFields))
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

    /**
     * A chunk's accounts as the enrichment queries bind them: as the pairs of ids and the as-of instant, or, when
     * {@link #dense()}, as the id range with the customer of each id in it and the as-of instant.
     */
    private record ChunkQuery(long[] accountIds, long[] customerIds, Instant asOf, long lo, long hi) {

        static ChunkQuery of(long[] accountIds, long[] customerIds, Instant asOf) {
            long lo = Long.MAX_VALUE;
            long hi = Long.MIN_VALUE;
            for (long id : accountIds) {
                lo = Math.min(lo, id);
                hi = Math.max(hi, id);
            }
            return new ChunkQuery(accountIds, customerIds, asOf, lo, hi);
        }

        boolean dense() {
            return hi - lo < (long) RANGE_SPREAD * accountIds.length;
        }

        void bind(PreparedStatement ps) throws SQLException {
            if (dense()) {
                Long[] customers = new Long[(int) (hi - lo + 1)];
                for (int i = 0; i < accountIds.length; i++) {
                    customers[(int) (accountIds[i] - lo)] = customerIds[i];
                }
                ps.setLong(1, lo);
                ps.setLong(2, hi);
                ps.setArray(3, ps.getConnection().createArrayOf("bigint", customers));
                ps.setObject(4, asOf.atOffset(ZoneOffset.UTC));
            }
            else {
                bindLookups(ps);
            }
        }

        /** Binds the pairs of ids and the as-of instant, as a query of a lookup per account reads them. */
        void bindLookups(PreparedStatement ps) throws SQLException {
            ps.setArray(1, bigintArray(ps, accountIds));
            ps.setArray(2, bigintArray(ps, customerIds));
            ps.setObject(3, asOf.atOffset(ZoneOffset.UTC));
        }
    }

    /**
     * The rows of a chunk query, by account, in the order the query gives them. Except for the previous snapshots,
     * every query selects the account's id first and the mappers read the rest by position, in the order of the
     * query's select list: a column looked up by name costs a map lookup per value, tens of millions on a large
     * portfolio.
     */
    private <T> Map<Long, List<T>> byAccount(String sql, ChunkQuery chunk, RowMapper<T> mapper) {
        return byAccount(sql, chunk::bind, mapper);
    }

    private <T> Map<Long, List<T>> byAccount(String sql, PreparedStatementSetter parameters, RowMapper<T> mapper) {
        Map<Long, List<T>> rows = new HashMap<>();
        jdbc.query(sql, parameters, (ResultSetExtractor<@Nullable Void>) rs -> {
            int accountId = rs.findColumn("account_id");
            while (rs.next()) {
                rows.computeIfAbsent(rs.getLong(accountId), id -> new ArrayList<>()).add(mapper.mapRow(rs, 0));
            }
            return null;
        });
        return rows;
    }

    /** The rows of a query binding only the chunk's pairs of ids, by account. */
    private <T> Map<Long, List<T>> byAccount(String sql, long[] accountIds, long[] customerIds, RowMapper<T> mapper) {
        return byAccount(sql, ps -> {
            ps.setArray(1, bigintArray(ps, accountIds));
            ps.setArray(2, bigintArray(ps, customerIds));
        }, mapper);
    }

    /** The latest snapshot, with its stored tracked fields (the query's first columns), then the one before it. */
    private static List<PreviousSnapshot> previousSnapshots(ResultSet rs, StoredFields storedFields)
            throws SQLException {
        PreviousSnapshot latest = new PreviousSnapshot(rs.getLong("snapshot_id"), rs.getInt("snapshot_sequence_number"),
                instant(rs, "snapshot_timestamp"), rs.getBigDecimal("overall_health_score"), rs.getBigDecimal("revenue"),
                rs.getString("account_status"), storedFields.read(rs));
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

    private static @Nullable Long nullableLong(ResultSet rs, int column) throws SQLException {
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
        return instant(rs, rs.findColumn(column));
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
