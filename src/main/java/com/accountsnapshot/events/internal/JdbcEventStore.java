package com.accountsnapshot.events.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code snapshot_events}: stores events idempotently on their event_id, and looks up the accounts and customers
 * events name.
 */
public class JdbcEventStore {

    /** Every row at once, so that a request of 10,000 events is one statement; a known event_id is skipped. */
    private static final String INSERT = """
            INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at, payload, source,
                                         status, problem)
            SELECT e.event_id, e.event_type, e.customer_id, e.account_id, e.occurred_at, CAST(e.payload AS jsonb),
                   e.source, e.status, e.problem
            FROM unnest(?::varchar[], ?::text[], ?::bigint[], ?::bigint[], ?::timestamptz[], ?::text[], ?::varchar[],
                        ?::varchar[], ?::text[])
                 AS e(event_id, event_type, customer_id, account_id, occurred_at, payload, source, status, problem)
            ON CONFLICT (event_id) DO NOTHING""";

    private final JdbcTemplate jdbc;

    private final NamedParameterJdbcTemplate named;

    public JdbcEventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Stores pending events and returns how many were new (the others' event_id was known). */
    public int insertPending(List<EventRow> events) {
        return insert(events, "pending", null);
    }

    /** Records an event that cannot be used, unless its event_id is known; returns whether it was new. */
    public boolean insertRejected(EventRow event, String problem) {
        return insert(List.of(event), "rejected", problem) == 1;
    }

    private int insert(List<EventRow> events, String status, @Nullable String problem) {
        if (events.isEmpty()) {
            return 0;
        }
        Integer inserted = jdbc.execute((ConnectionCallback<Integer>) connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int n = events.size();
                insert.setArray(1, array(connection, "varchar", events.stream().map(EventRow::eventId).toArray()));
                insert.setArray(2, array(connection, "text", events.stream().map(EventRow::eventType).toArray()));
                insert.setArray(3, array(connection, "bigint", events.stream().map(EventRow::customerId).toArray()));
                insert.setArray(4, array(connection, "bigint", events.stream().map(EventRow::accountId).toArray()));
                insert.setArray(5, array(connection, "timestamptz", events.stream()
                        .map(event -> event.occurredAt() == null ? null : Timestamp.from(event.occurredAt())).toArray()));
                insert.setArray(6, array(connection, "text", events.stream().map(EventRow::payload).toArray()));
                insert.setArray(7, array(connection, "varchar", events.stream().map(EventRow::source).toArray()));
                insert.setArray(8, array(connection, "varchar", repeat(status, n)));
                insert.setArray(9, array(connection, "text", repeat(problem, n)));
                return insert.executeUpdate();
            }
        });
        return inserted == null ? 0 : inserted;
    }

    /** The customer of each of these accounts that exists. */
    public Map<Long, Long> accountOwners(Collection<Long> accountIds) {
        Map<Long, Long> owners = new HashMap<>();
        if (accountIds.isEmpty()) {
            return owners;
        }
        named.query("SELECT account_id, customer_id FROM accounts WHERE account_id IN (:ids)",
                new MapSqlParameterSource("ids", Set.copyOf(accountIds)),
                rs -> {
                    owners.put(rs.getLong("account_id"), rs.getLong("customer_id"));
                });
        return owners;
    }

    /** Those of these customers that have at least one account. */
    public Set<Long> customersWithAccounts(Collection<Long> customerIds) {
        if (customerIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(named.queryForList("SELECT DISTINCT customer_id FROM accounts WHERE customer_id IN (:ids)",
                new MapSqlParameterSource("ids", Set.copyOf(customerIds)), Long.class));
    }

    private static Array array(Connection connection, String type, Object[] values) throws java.sql.SQLException {
        return connection.createArrayOf(type, values);
    }

    private static Object[] repeat(@Nullable Object value, int n) {
        Object[] values = new Object[n];
        java.util.Arrays.fill(values, value);
        return values;
    }

    static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
