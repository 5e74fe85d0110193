package com.accountsnapshot.run;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Repairs a history poisoned by snapshots of the future (a run as of 9999-12-31 makes every later run filter
 * each account as out of order): moves the snapshots whose snapshot_timestamp is later than now into
 * {@code account_snapshots_quarantine}, or moves every quarantined snapshot back, row for row. Both are dry
 * runs unless applied; an applied one declares itself a maintenance path ({@link SnapshotMaintenance}) and is
 * audited in the same transaction as the move.
 */
@Component
public class SnapshotQuarantine {

    static final String QUARANTINE = "quarantine-future-snapshots";

    static final String RESTORE = "restore-quarantined-snapshots";

    private static final String FUTURE = """
            SELECT count(*) AS snapshots, count(DISTINCT account_id) AS accounts, max(snapshot_timestamp) AS latest
            FROM account_snapshots WHERE snapshot_timestamp > :now""";

    private static final String QUARANTINED = """
            SELECT count(*) AS snapshots, count(DISTINCT account_id) AS accounts, max(snapshot_timestamp) AS latest
            FROM account_snapshots_quarantine""";

    private static final String MOVE_OUT = """
            WITH moved AS (DELETE FROM account_snapshots WHERE snapshot_timestamp > :now RETURNING %1$s)
            INSERT INTO account_snapshots_quarantine (%1$s, quarantined_at) SELECT %1$s, :now FROM moved""";

    /** account_snapshots' columns, in table order, for the way back (the quarantine adds quarantined_at). */
    private static final String COLUMNS = """
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'account_snapshots'""";

    private static final String MOVE_BACK = """
            WITH moved AS (DELETE FROM account_snapshots_quarantine RETURNING %1$s)
            INSERT INTO account_snapshots (%1$s) OVERRIDING SYSTEM VALUE SELECT %1$s FROM moved""";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final OperatorAudit audit;

    private final SnapshotMaintenance maintenance;

    private final Clock clock = Clock.systemUTC();

    SnapshotQuarantine(JdbcClient jdbc, TransactionTemplate transaction, OperatorAudit audit,
            SnapshotMaintenance maintenance) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.audit = audit;
        this.maintenance = maintenance;
    }

    /**
     * What was (or, in a dry run, would be) moved.
     *
     * @param latest the latest snapshot_timestamp among them
     */
    public record Outcome(String action, boolean applied, long snapshots, long accounts, @Nullable Instant latest) {

        /** One line for a terminal or the audit log. */
        public String describe() {
            return (applied ? "moved " : "dry run, would move ") + snapshots + " snapshots of " + accounts
                    + " accounts" + (latest == null ? "" : " (latest at " + latest + ")");
        }

        Outcome withAction(String name, boolean isApplied) {
            return new Outcome(name, isApplied, snapshots, accounts, latest);
        }
    }

    /** Moves the snapshots later than now into the quarantine (only counts them unless {@code apply}). */
    public Outcome quarantineFutureSnapshots(boolean apply) {
        Instant now = clock.instant();
        return run(QUARANTINE, "snapshots later than " + now, apply, () -> count(FUTURE, now), () -> {
            String columns = jdbc.sql(COLUMNS).query(String.class).single();
            return jdbc.sql(MOVE_OUT.formatted(columns)).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                    .update();
        });
    }

    /** Moves every quarantined snapshot back into account_snapshots (only counts them unless {@code apply}). */
    public Outcome restoreQuarantinedSnapshots(boolean apply) {
        return run(RESTORE, "quarantined snapshots", apply, () -> count(QUARANTINED, null), () -> {
            String columns = jdbc.sql(COLUMNS).query(String.class).single();
            return jdbc.sql(MOVE_BACK.formatted(columns)).update();
        });
    }

    private interface Counter {
        Outcome count();
    }

    private interface Move {
        int move();
    }

    private Outcome run(String action, String target, boolean apply, Counter counter, Move move) {
        if (!apply) {
            return counter.count().withAction(action, false);
        }
        try {
            return transaction.execute(status -> {
                Outcome found = counter.count().withAction(action, true);
                // the way out deletes from the immutable history: only as a declared maintenance path
                maintenance.declare(action);
                int moved = move.move();
                if (moved != found.snapshots()) {
                    throw new IllegalStateException("Counted " + found.snapshots() + " snapshots but moved " + moved);
                }
                audit.accepted(action, target + ": " + found.describe());
                return found;
            });
        }
        catch (RuntimeException ex) {
            String why = String.valueOf(NestedExceptionUtils.getMostSpecificCause(ex).getMessage());
            audit.refused(action, target, why.lines().findFirst().orElse(""));
            throw ex;
        }
    }

    private Outcome count(String sql, @Nullable Instant now) {
        var statement = jdbc.sql(sql);
        if (now != null) {
            statement = statement.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        }
        List<Outcome> rows = statement.query((rs, n) -> {
            OffsetDateTime latest = rs.getObject("latest", OffsetDateTime.class);
            return new Outcome("", false, rs.getLong("snapshots"), rs.getLong("accounts"),
                    latest == null ? null : latest.toInstant());
        }).list();
        return rows.get(0);
    }
}
