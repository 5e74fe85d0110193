package com.accountsnapshot.console.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the console's account pages show: accounts found by id or name, an account's snapshot timeline and
 * one snapshot's stored fields. The principal's customers are part of every query, so an account of another
 * customer reads exactly like one that does not exist.
 */
@Component
public class JdbcAccountViews {

    /** The principal's customers: every one, or those in the array. */
    private static final String VISIBLE = "(:unrestricted OR customer_id = ANY(:customers))";

    private static final String SEARCH = """
            SELECT account_id, customer_id, account_name, account_status
            FROM accounts
            WHERE (account_id = :id OR account_name ILIKE :pattern ESCAPE '\\') AND %s
            ORDER BY account_id = :id DESC, account_name, account_id
            LIMIT :limit""".formatted(VISIBLE);

    /** The account as accounts holds it, or, for an account removed since, as its latest snapshot named it. */
    private static final String ACCOUNT = """
            SELECT account_id, customer_id, account_name, account_status FROM (
                SELECT account_id, customer_id, account_name, account_status, 0 AS source
                FROM accounts WHERE account_id = :accountId AND %1$s
                UNION ALL
                (SELECT account_id, customer_id, account_name, account_status, 1 AS source
                 FROM account_snapshots WHERE account_id = :accountId AND %1$s
                 ORDER BY snapshot_sequence_number DESC LIMIT 1)
            ) known ORDER BY source LIMIT 1""".formatted(VISIBLE);

    private static final String COUNT = """
            SELECT count(*) FROM account_snapshots WHERE account_id = :accountId AND %s""".formatted(VISIBLE);

    /** The latest snapshots (by the unique (account_id, snapshot_sequence_number) index), oldest first. */
    private static final String TIMELINE = """
            SELECT * FROM (
                SELECT snapshot_id, snapshot_sequence_number, snapshot_timestamp, snapshot_type, account_status,
                       revenue, overall_health_score, product_usage_score, support_score, customer_sentiment_score,
                       business_outcomes_score, relationship_strength_score, health_score_trend,
                       is_significant_change, changed_fields::text AS changed_fields
                FROM account_snapshots WHERE account_id = :accountId AND %s
                ORDER BY snapshot_sequence_number DESC LIMIT :limit
            ) latest ORDER BY snapshot_sequence_number""".formatted(VISIBLE);

    private static final String SNAPSHOT = """
            SELECT to_jsonb(s)::text FROM account_snapshots s
            WHERE snapshot_id = :snapshotId AND account_id = :accountId AND %s""".formatted(VISIBLE);

    private final JdbcClient jdbc;

    /** Decimals as stored, 1000.00 and not 1000.0. */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    JdbcAccountViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An account as a search or a page header shows it. */
    public record AccountRow(long accountId, long customerId, String accountName, @Nullable String accountStatus) {
    }

    /** One snapshot on an account's timeline. */
    public record TimelineRow(long snapshotId, int sequence, Instant timestamp, String type,
            @Nullable String accountStatus, @Nullable BigDecimal revenue, @Nullable BigDecimal overall,
            @Nullable BigDecimal productUsage, @Nullable BigDecimal support, @Nullable BigDecimal customerSentiment,
            @Nullable BigDecimal businessOutcomes, @Nullable BigDecimal relationshipStrength, String trend,
            boolean significantChange, @Nullable JsonNode changedFields) {
    }

    /**
     * Accounts whose id is {@code text} or whose name contains it (case-insensitively), the one with that id
     * first, then by name.
     */
    public List<AccountRow> search(String text, int limit, CustomerScope scope) {
        String trimmed = text.strip();
        long id = trimmed.matches("\\d{1,18}") ? Long.parseLong(trimmed) : -1;
        String pattern = "%" + trimmed.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql(SEARCH)
                .param("id", id)
                .param("pattern", pattern)
                .param("limit", limit)
                .params(visible(scope))
                .query((rs, n) -> new AccountRow(rs.getLong("account_id"), rs.getLong("customer_id"),
                        rs.getString("account_name"), rs.getString("account_status")))
                .list();
    }

    public Optional<AccountRow> account(long accountId, CustomerScope scope) {
        return jdbc.sql(ACCOUNT)
                .param("accountId", accountId)
                .params(visible(scope))
                .query((rs, n) -> new AccountRow(rs.getLong("account_id"), rs.getLong("customer_id"),
                        rs.getString("account_name"), rs.getString("account_status")))
                .optional();
    }

    public long snapshotCount(long accountId, CustomerScope scope) {
        return jdbc.sql(COUNT).param("accountId", accountId).params(visible(scope)).query(Long.class).single();
    }

    /** The account's latest {@code limit} snapshots, oldest first. */
    public List<TimelineRow> timeline(long accountId, int limit, CustomerScope scope) {
        return jdbc.sql(TIMELINE)
                .param("accountId", accountId)
                .param("limit", limit)
                .params(visible(scope))
                .query((rs, n) -> new TimelineRow(rs.getLong("snapshot_id"), rs.getInt("snapshot_sequence_number"),
                        rs.getObject("snapshot_timestamp", OffsetDateTime.class).toInstant(),
                        rs.getString("snapshot_type"), rs.getString("account_status"), rs.getBigDecimal("revenue"),
                        rs.getBigDecimal("overall_health_score"), rs.getBigDecimal("product_usage_score"),
                        rs.getBigDecimal("support_score"), rs.getBigDecimal("customer_sentiment_score"),
                        rs.getBigDecimal("business_outcomes_score"), rs.getBigDecimal("relationship_strength_score"),
                        rs.getString("health_score_trend"), rs.getBoolean("is_significant_change"),
                        parse(rs.getString("changed_fields"))))
                .list();
    }

    /** Every column of one of the account's snapshots by name, as the JSON of its stored value. */
    public Optional<Map<String, JsonNode>> snapshot(long accountId, long snapshotId, CustomerScope scope) {
        return jdbc.sql(SNAPSHOT)
                .param("snapshotId", snapshotId)
                .param("accountId", accountId)
                .params(visible(scope))
                .query(String.class)
                .optional()
                .map(this::parse)
                .map(JdbcAccountViews::fields);
    }

    private static Map<String, JsonNode> fields(JsonNode row) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(row.propertyNames());
        names.forEach(name -> fields.put(name, row.get(name)));
        return fields;
    }

    private @Nullable JsonNode parse(@Nullable String text) {
        return text == null ? null : json.readTree(text);
    }

    private static Map<String, Object> visible(CustomerScope scope) {
        return Map.of("unrestricted", scope.unrestricted(), "customers", scope.sqlArray());
    }
}
