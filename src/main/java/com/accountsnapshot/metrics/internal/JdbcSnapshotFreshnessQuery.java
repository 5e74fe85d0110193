package com.accountsnapshot.metrics.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Counts the accounts without a recent snapshot in one query: each account's latest snapshot_timestamp is one
 * backward probe of the (account_id, snapshot_timestamp) index, never a scan of the snapshots' history.
 */
public final class JdbcSnapshotFreshnessQuery {

    /** The query, with its one parameter {@code :freshSince}. */
    public static final String COUNT = """
            SELECT count(*) FILTER (WHERE latest.snapshot_timestamp < :freshSince) AS outdated,
                   count(*) FILTER (WHERE latest.snapshot_timestamp IS NULL) AS no_snapshot
            FROM accounts a
            LEFT JOIN LATERAL (
                SELECT s.snapshot_timestamp
                FROM account_snapshots s
                WHERE s.account_id = a.account_id
                ORDER BY s.snapshot_timestamp DESC
                LIMIT 1) latest ON true""";

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
