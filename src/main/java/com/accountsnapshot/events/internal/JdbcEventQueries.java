package com.accountsnapshot.events.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What operators see of events: counts by status and type, the oldest pending event, rejected events. */
public class JdbcEventQueries {

    private static final String COUNTS = """
            SELECT status, coalesce(event_type, '') AS event_type, count(*) AS events
            FROM snapshot_events
            WHERE (CAST(:status AS varchar) IS NULL OR status = :status)
              AND (CAST(:type AS varchar) IS NULL OR event_type = :type)
              AND (CAST(:customers AS bigint[]) IS NULL OR customer_id = ANY (CAST(:customers AS bigint[])))
            GROUP BY status, event_type ORDER BY status, event_type""";

    private static final String OLDEST_PENDING = """
            SELECT min(received_at) FROM snapshot_events WHERE status = 'pending'
              AND (CAST(:customers AS bigint[]) IS NULL OR customer_id = ANY (CAST(:customers AS bigint[])))""";

    private static final String EVENTS = """
            SELECT event_id, event_type, customer_id, account_id, occurred_at, received_at, source, status, batch_id,
                   job_execution_id, problem
            FROM snapshot_events
            WHERE (CAST(:status AS varchar) IS NULL OR status = :status)
              AND (CAST(:type AS varchar) IS NULL OR event_type = :type)
              AND (CAST(:customers AS bigint[]) IS NULL OR customer_id = ANY (CAST(:customers AS bigint[])))
            ORDER BY received_at DESC, event_id LIMIT :limit""";

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcEventQueries(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /** How many events have a status and type. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Count(String status, String eventType, long events) {
    }

    /** One event as operators see it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StoredEvent(String eventId, @Nullable String eventType, @Nullable Long customerId,
            @Nullable Long accountId, @Nullable Instant occurredAt, Instant receivedAt, String source, String status,
            @Nullable Long batchId, @Nullable Long jobExecutionId, @Nullable String problem) {
    }

    /**
     * @param customers only events of these customers; null: all
     */
    public List<Count> counts(@Nullable String status, @Nullable String type, Long @Nullable [] customers) {
        return jdbc.query(COUNTS, filter(status, type, customers), (rs, n) -> new Count(rs.getString("status"),
                rs.getString("event_type"), rs.getLong("events")));
    }

    public @Nullable Instant oldestPending(Long @Nullable [] customers) {
        Timestamp oldest = jdbc.queryForObject(OLDEST_PENDING, filter(null, null, customers), Timestamp.class);
        return oldest == null ? null : oldest.toInstant();
    }

    /** The latest events with this status and type (either may be null), newest first. */
    public List<StoredEvent> events(@Nullable String status, @Nullable String type, Long @Nullable [] customers,
            int limit) {
        return jdbc.query(EVENTS, filter(status, type, customers).addValue("limit", limit), (rs, n) -> new StoredEvent(
                rs.getString("event_id"), rs.getString("event_type"), (Long) rs.getObject("customer_id"),
                (Long) rs.getObject("account_id"), JdbcEventStore.instant(rs.getTimestamp("occurred_at")),
                rs.getTimestamp("received_at").toInstant(), rs.getString("source"), rs.getString("status"),
                (Long) rs.getObject("batch_id"), (Long) rs.getObject("job_execution_id"), rs.getString("problem")));
    }

    private static MapSqlParameterSource filter(@Nullable String status, @Nullable String type,
            Long @Nullable [] customers) {
        return new MapSqlParameterSource("status", status).addValue("type", type).addValue("customers", customers);
    }
}
