package com.accountsnapshot.metrics.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Counts the accounts without a recent snapshot in one query: each account's latest snapshot is its head
 * ({@code account_snapshot_heads}, one row per account), never a read of the snapshots' history.
 */
public final class JdbcSnapshotFreshnessQuery {

    /** The query, with its one parameter {@code :freshSince}. */
    public static final String COUNT = """
            SELECT count(*) FILTER (WHERE h.snapshot_timestamp < :freshSince) AS outdated,
                   count(*) FILTER (WHERE h.account_id IS NULL) AS no_snapshot
            FROM accounts a
            LEFT JOIN account_snapshot_heads h ON h.account_id = a.account_id""";

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcSnapshotFreshnessQuery(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Accounts whose latest snapshot was taken as of an instant before {@code freshSince}, and accounts with no
     * snapshot at all.
     */
    public record Counts(long outdated, long noSnapshot) {
    }

    public Counts count(Instant freshSince) {
        return jdbc.queryForObject(COUNT, Map.of("freshSince", freshSince.atOffset(ZoneOffset.UTC)),
                (row, index) -> new Counts(row.getLong("outdated"), row.getLong("no_snapshot")));
    }
}
