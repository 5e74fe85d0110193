package com.accountsnapshot.snapshot.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthly partitions of {@code account_snapshots} (one per calendar month in UTC, named
 * {@code account_snapshots_YYYY_MM}), created when missing by the database function
 * {@code create_account_snapshot_partition}. Two processes creating the same month at once are serialised by
 * that function's advisory lock: the second finds the month made. The table has no default partition, so a row
 * of a month without its partition is refused: a run makes sure its as-of's month exists before it writes.
 */
public final class SnapshotPartitions {

    private static final String CREATE_MONTH_OF = "SELECT create_account_snapshot_partition(CAST(? AS timestamptz))";

    /** Each month from the one of {@code ?} to {@code ?} months after it, created when missing; the made ones. */
    private static final String CREATE_MONTHS_FROM = """
            SELECT 'account_snapshots_' || to_char(month, 'YYYY_MM') AS partition_name
            FROM generate_series(date_trunc('month', CAST(? AS timestamptz) AT TIME ZONE 'UTC'),
                                 date_trunc('month', CAST(? AS timestamptz) AT TIME ZONE 'UTC')
                                     + make_interval(months => ?), interval '1 month') AS month
            WHERE create_account_snapshot_partition(month AT TIME ZONE 'UTC')
            ORDER BY month""";

    private final JdbcTemplate jdbc;

    public SnapshotPartitions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the partition of the UTC month of {@code at} if it is missing; true when this call made it. */
    public boolean createMonthOf(Instant at) {
        return Boolean.TRUE.equals(jdbc.queryForObject(CREATE_MONTH_OF, Boolean.class, at.atOffset(ZoneOffset.UTC)));
    }

    /**
     * Creates the partitions of the UTC month of {@code now} and of the {@code monthsAhead} months after it that
     * are missing, in one statement; returns the names of those it made, in month order.
     */
    public List<String> createMonthsAhead(Instant now, int monthsAhead) {
        return jdbc.queryForList(CREATE_MONTHS_FROM, String.class, now.atOffset(ZoneOffset.UTC),
                now.atOffset(ZoneOffset.UTC), monthsAhead);
    }
}
