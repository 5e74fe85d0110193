package com.accountsnapshot.api.internal;

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

    static Map<String, Object> visible(CustomerScope scope) {
        return Map.of("unrestricted", scope.unrestricted(), "customers", scope.sqlArray());
    }
}
