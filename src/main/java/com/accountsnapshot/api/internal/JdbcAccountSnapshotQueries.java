package com.accountsnapshot.api.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads one account's snapshots from account_snapshots, newest (greatest snapshot_sequence_number) first. */
@Component
public class JdbcAccountSnapshotQueries {

    private static final SnapshotRowMapper SNAPSHOTS = new SnapshotRowMapper();

    private final JdbcClient jdbc;

    JdbcAccountSnapshotQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account is in accounts, or was once: it still has snapshots. */
    public boolean isKnown(long accountId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM accounts WHERE account_id = :accountId)
                    OR EXISTS (SELECT 1 FROM account_snapshots WHERE account_id = :accountId)""")
                .param("accountId", accountId)
                .query(Boolean.class)
                .single();
    }

    public long count(long accountId) {
        return jdbc.sql("SELECT count(*) FROM account_snapshots WHERE account_id = :accountId")
                .param("accountId", accountId)
                .query(Long.class)
                .single();
    }

    public List<Map<String, @Nullable Object>> history(long accountId, long offset, int limit) {
        return jdbc.sql("""
                SELECT * FROM account_snapshots WHERE account_id = :accountId
                ORDER BY snapshot_sequence_number DESC LIMIT :limit OFFSET :offset""")
                .param("accountId", accountId)
                .param("limit", limit)
                .param("offset", offset)
                .query(SNAPSHOTS)
                .list();
    }

    public Optional<Map<String, @Nullable Object>> latest(long accountId) {
        return history(accountId, 0, 1).stream().findFirst();
    }
}
