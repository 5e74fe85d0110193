package com.accountsnapshot.run;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import com.accountsnapshot.run.RetentionPlan.Action;
import com.accountsnapshot.run.RetentionPlan.Partition;
import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tiered retention of account_snapshots ({@link RetentionProperties}): every snapshot younger than keep-all, then
 * each account's last snapshot of each calendar month (UTC) down to keep-monthly, then its last of each calendar
 * quarter, down to max-age when one is set. The last of a month or quarter is the account's latest snapshot in
 * it, wherever in the tiers that one lies (so a month straddling the keep-all boundary keeps its rows after the
 * boundary, and of those before it none, as its last row is after it).
 *
 * <p>A dry run counts, per partition that may hold rows older than keep-all, its rows and the rows kept. Applied,
 * each partition to thin is replaced, in one transaction of its own: its kept rows are copied into a new table,
 * which takes the partition's place (detach, drop, rename, attach: the attach gives it the partitioned table's
 * indexes, constraints and row triggers, named as for any partition); a partition entirely older than max-age is
 * detached and dropped. No row is deleted one by one and the kept rows are copied unchanged. Each transaction
 * declares itself the maintenance path {@value #ACTION} ({@link SnapshotMaintenance}), rebuilds the heads of the
 * accounts whose latest snapshot it removed, and is audited with its figures.
 */
@Component
public class SnapshotRetention {

    static final String ACTION = "retention";

    /** Advisory lock key: one retention at a time across processes (retention's transactions take turns). */
    static final long RETENTION_LOCK = 0x5245_5445_4E54_494FL;

    /** The partitions of account_snapshots with their range bounds (the text of the bound, parsed back). */
    private static final String PARTITIONS = """
            SELECT name, bounds[1]::timestamptz AS lower_bound, bounds[2]::timestamptz AS upper_bound
            FROM (SELECT c.relname AS name,
                         regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\) TO \\(''([^'']+)''\\)')
                             AS bounds
                  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                  WHERE i.inhparent = 'account_snapshots'::regclass) p
            WHERE bounds IS NOT NULL AND bounds[1]::timestamptz < :keepAllSince
            ORDER BY lower_bound""";

    /**
     * The rows of one partition ({@code :from} to {@code :to}) ranked within their account's calendar month and
     * quarter, over the whole quarter(s) around it ({@code :windowFrom} to {@code :windowTo}), and whether the
     * policy keeps them.
     */
    private static final String RANKED = """
            WITH ranked AS (
                SELECT snapshot_id, snapshot_timestamp,
                       row_number() OVER (PARTITION BY account_id, date_trunc('month', snapshot_timestamp AT TIME ZONE 'UTC')
                                          ORDER BY snapshot_timestamp DESC, snapshot_sequence_number DESC) AS month_rank,
                       row_number() OVER (PARTITION BY account_id, date_trunc('quarter', snapshot_timestamp AT TIME ZONE 'UTC')
                                          ORDER BY snapshot_timestamp DESC, snapshot_sequence_number DESC) AS quarter_rank
                FROM account_snapshots
                WHERE snapshot_timestamp >= :windowFrom AND snapshot_timestamp < :windowTo),
            judged AS (
                SELECT snapshot_id, snapshot_timestamp,
                       snapshot_timestamp >= CAST(:nothingBefore AS timestamptz)
                       AND (snapshot_timestamp >= :keepAllSince
                            OR (snapshot_timestamp >= :monthlySince AND month_rank = 1)
                            OR quarter_rank = 1) AS kept
                FROM ranked
                WHERE snapshot_timestamp >= :from AND snapshot_timestamp < :to)
            """;

    private static final String COUNT = RANKED + """
            SELECT count(*) AS rows_now, count(*) FILTER (WHERE kept) AS rows_kept FROM judged""";

    private static final String COPY_KEPT = RANKED + """
            INSERT INTO %1$s SELECT p.* FROM %2$s p
            JOIN judged j ON j.snapshot_id = p.snapshot_id AND j.snapshot_timestamp = p.snapshot_timestamp
            WHERE j.kept""";

    /** The accounts whose head (latest snapshot) lay in the range and is gone. */
    private static final String REBUILD_HEADS = """
            SELECT count(*) FROM (SELECT rebuild_account_snapshot_heads(ARRAY(
                SELECT h.account_id FROM account_snapshot_heads h
                WHERE h.snapshot_timestamp >= :from AND h.snapshot_timestamp < :to
                  AND NOT EXISTS (SELECT 1 FROM account_snapshots s
                                  WHERE s.snapshot_id = h.snapshot_id AND s.snapshot_timestamp = h.snapshot_timestamp)
                ORDER BY h.account_id))) rebuilt""";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final OperatorAudit audit;

    private final SnapshotMaintenance maintenance;

    private final RetentionProperties properties;

    private final Clock clock = Clock.systemUTC();

    SnapshotRetention(JdbcClient jdbc, TransactionTemplate transaction, OperatorAudit audit,
            SnapshotMaintenance maintenance, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.maintenance = maintenance;
        this.properties = properties;
    }

    /** What retention would do now (a dry run: nothing changes). */
    public RetentionPlan plan() {
        return plan(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Does it now: thins and drops partitions, each in a transaction of its own, audited. */
    public RetentionPlan apply() {
        return apply(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    RetentionPlan plan(Instant now) {
        Tiers tiers = tiers(now);
        List<Partition> partitions = new ArrayList<>();
        for (Range range : ranges(tiers)) {
            partitions.add(judge(range, tiers));
        }
        return tiers.plan(false, partitions);
    }

    RetentionPlan apply(Instant now) {
        Tiers tiers = tiers(now);
        List<Partition> partitions = new ArrayList<>();
        for (Range range : ranges(tiers)) {
            try {
                partitions.add(transaction.execute(status -> applyTo(range, tiers)));
            }
            catch (RuntimeException ex) {
                String why = String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
                audit.refused(ACTION, range.name(), why.lines().findFirst().orElse(""));
                throw ex;
            }
        }
        return tiers.plan(true, partitions);
    }

    /** One partition's thinning or drop, in the caller's transaction. */
    private Partition applyTo(Range range, Tiers tiers) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", RETENTION_LOCK).query((rs, n) -> 1).list();
        jdbc.sql("SELECT set_config('lock_timeout', :timeout, true)")
                .param("timeout", properties.lockTimeout().toMillis() + "ms").query(String.class).single();
        maintenance.declare(ACTION);
        if (!jdbc.sql("SELECT to_regclass(:name) IS NOT NULL").param("name", quote(range.name()))
                .query(Boolean.class).single()) {
            // dropped by another retention since it was listed
            return new Partition(range.name(), range.from(), range.to(), Action.KEEP, 0, 0, 0);
        }
        Partition judged = judge(range, tiers);
        if (judged.action() == Action.KEEP) {
            return judged;
        }
        long bytesBefore = bytes(range.name());
        String table = quote(range.name());
        if (judged.action() == Action.DROP) {
            lockSnapshots();
            long rows = jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
            jdbc.sql("ALTER TABLE account_snapshots DETACH PARTITION " + table).update();
            jdbc.sql("DROP TABLE " + table).update();
            return audited(new Partition(range.name(), range.from(), range.to(), Action.DROP, rows, 0, bytesBefore),
                    range);
        }
        String retained = quote(range.name() + "_retained");
        jdbc.sql("CREATE TABLE " + retained + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS"
                + " INCLUDING STORAGE INCLUDING COMPRESSION)").update();
        copyKept(range, tiers, retained, table);
        // the swap needs the partitioned table to itself; a backfill into this month that came in meanwhile is
        // seen by copying again under the lock
        lockSnapshots();
        Partition locked = judge(range, tiers);
        if (locked.rowsNow() != judged.rowsNow()) {
            jdbc.sql("TRUNCATE " + retained).update();
            copyKept(range, tiers, retained, table);
        }
        // a constraint matching the bounds spares the attach a scan of the rows
        String bounds = quote(range.name() + "_retention_bounds");
        jdbc.sql("ALTER TABLE " + retained + " ADD CONSTRAINT " + bounds + " CHECK (snapshot_timestamp >= "
                + literal(range.from()) + " AND snapshot_timestamp < " + literal(range.to()) + ")").update();
        jdbc.sql("ALTER TABLE account_snapshots DETACH PARTITION " + table).update();
        jdbc.sql("DROP TABLE " + table).update();
        jdbc.sql("ALTER TABLE " + retained + " RENAME TO " + table).update();
        jdbc.sql("ALTER TABLE account_snapshots ATTACH PARTITION " + table + " FOR VALUES FROM ("
                + literal(range.from()) + ") TO (" + literal(range.to()) + ")").update();
        jdbc.sql("ALTER TABLE " + table + " DROP CONSTRAINT " + bounds).update();
        jdbc.sql("SELECT account_snapshots_guard_partitions()").query((rs, n) -> 1).list();
        long bytesAfter = bytes(range.name());
        return audited(new Partition(range.name(), range.from(), range.to(), Action.THIN, locked.rowsNow(),
                locked.rowsKept(), bytesBefore - bytesAfter), range);
    }

    private Partition audited(Partition done, Range range) {
        jdbc.sql(REBUILD_HEADS).param("from", utc(range.from())).param("to", utc(range.to())).query(Long.class)
                .single();
        audit.accepted(ACTION, done.describe(true));
        return done;
    }

    private void copyKept(Range range, Tiers tiers, String into, String from) {
        tiers.bind(jdbc.sql(COPY_KEPT.formatted(into, from)), range).update();
    }

    private void lockSnapshots() {
        jdbc.sql("LOCK TABLE account_snapshots IN ACCESS EXCLUSIVE MODE").update();
    }

    private Partition judge(Range range, Tiers tiers) {
        long bytes = bytes(range.name());
        if (tiers.nothingBefore() != null && !range.to().isAfter(tiers.nothingBefore())) {
            long rows = jdbc.sql("SELECT count(*) FROM " + quote(range.name())).query(Long.class).single();
            return new Partition(range.name(), range.from(), range.to(), Action.DROP, rows, 0, bytes);
        }
        long[] counts = tiers.bind(jdbc.sql(COUNT), range)
                .query((rs, n) -> new long[] {rs.getLong("rows_now"), rs.getLong("rows_kept")}).single();
        long now = counts[0];
        long kept = counts[1];
        Action action = kept == now ? Action.KEEP : Action.THIN;
        long freed = now == 0 ? 0 : Math.round((double) bytes * (now - kept) / now);
        return new Partition(range.name(), range.from(), range.to(), action, now, kept, freed);
    }

    private long bytes(String partition) {
        return jdbc.sql("SELECT pg_total_relation_size(CAST(:name AS regclass))").param("name", quote(partition))
                .query(Long.class).single();
    }

    private List<Range> ranges(Tiers tiers) {
        return jdbc.sql(PARTITIONS).param("keepAllSince", utc(tiers.keepAllSince()))
                .query((rs, n) -> new Range(rs.getString("name"),
                        rs.getObject("lower_bound", OffsetDateTime.class).toInstant(),
                        rs.getObject("upper_bound", OffsetDateTime.class).toInstant()))
                .list();
    }

    private Tiers tiers(Instant now) {
        return new Tiers(now, minus(now, properties.keepAll()), minus(now, properties.keepMonthly()),
                properties.maxAge() == null ? null : minus(now, properties.maxAge()));
    }

    private static Instant minus(Instant now, Period period) {
        return ZonedDateTime.ofInstant(now, ZoneOffset.UTC).minus(period).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A timestamptz literal for DDL, which takes no parameters (ISO-8601 in UTC: digits, '-', ':', 'T', 'Z'). */
    private static String literal(Instant instant) {
        return "TIMESTAMPTZ '" + instant + "'";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** A partition and its range. */
    private record Range(String name, Instant from, Instant to) {

        /** From the start of the quarter of the range's first instant to the end of that of its last one. */
        Instant windowFrom() {
            return quarterStart(from);
        }

        Instant windowTo() {
            return quarterStart(to.minusNanos(1000)).atOffset(ZoneOffset.UTC).plusMonths(3).toInstant();
        }

        private static Instant quarterStart(Instant instant) {
            ZonedDateTime utc = ZonedDateTime.ofInstant(instant, ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                    .withDayOfMonth(1);
            return utc.withMonth(utc.getMonthValue() - (utc.getMonthValue() - 1) % 3).toInstant();
        }
    }

    /** The tier boundaries measured back from {@code now}. */
    private record Tiers(Instant now, Instant keepAllSince, Instant monthlySince, @Nullable Instant nothingBefore) {

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Range range) {
            return statement.param("windowFrom", utc(range.windowFrom())).param("windowTo", utc(range.windowTo()))
                    .param("from", utc(range.from())).param("to", utc(range.to()))
                    .param("keepAllSince", utc(keepAllSince)).param("monthlySince", utc(monthlySince))
                    .param("nothingBefore", nothingBefore == null ? "-infinity" : nothingBefore.toString());
        }

        RetentionPlan plan(boolean applied, List<Partition> partitions) {
            return new RetentionPlan(applied, now, keepAllSince, monthlySince, nothingBefore, partitions);
        }
    }
}
