package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When each new snapshot became visible, that is committed: every {@link #poll()} reads the snapshots written since
 * the watch began and notes, for those it had not seen, the database's clock at the start of that poll. So a
 * snapshot's commit is known to within one poll interval and the time a poll takes, on the database's clock, the
 * clock the events' commits are noted on.
 */
final class SnapshotWatch {

    private static final String NEW_SNAPSHOTS = """
            SELECT account_id, job_instance_id, statement_timestamp() AS seen FROM account_snapshots
            WHERE snapshot_id > ?""";

    /**
     * Every event served, with the job instance of the run that served it (its last execution, after restarts).
     */
    private static final String SERVED_EVENTS = """
            SELECT e.event_id, e.account_id, x.job_instance_id FROM snapshot_events e
            JOIN batch_job_execution x ON x.job_execution_id = e.job_execution_id
            WHERE e.status = 'done'""";

    private final JdbcTemplate jdbc;

    private final long floor;

    /** When each (account, job instance) snapshot was first seen. */
    private final Map<String, Instant> seen = new HashMap<>();

    SnapshotWatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        Long max = jdbc.queryForObject("SELECT coalesce(max(snapshot_id), 0) FROM account_snapshots", Long.class);
        this.floor = max == null ? 0 : max;
    }

    void poll() {
        jdbc.query(NEW_SNAPSHOTS, rs -> {
            seen.putIfAbsent(key(rs.getLong("account_id"), rs.getLong("job_instance_id")),
                    rs.getTimestamp("seen").toInstant());
        }, floor);
    }

    /**
     * @param p50 the median latency in seconds, from an event's commit to its snapshot's
     * @param p99 the 99th percentile (nearest rank)
     * @param max the largest
     * @param withoutSnapshot events served by a run that wrote no snapshot of their account (e.g. a cooldown)
     */
    record Latencies(double p50, double p99, double max, int withoutSnapshot) {
    }

    /**
     * The latency of every event served, from its commit ({@code committed}, by event id, on the database's clock)
     * to its account's snapshot by the run that served it.
     */
    Latencies latencies(Function<String, Instant> committed) {
        List<Double> seconds = new ArrayList<>();
        int[] withoutSnapshot = {0};
        jdbc.query(SERVED_EVENTS, rs -> {
            Instant snapshot = seen.get(key(rs.getLong("account_id"), rs.getLong("job_instance_id")));
            if (snapshot == null) {
                withoutSnapshot[0]++;
            }
            else {
                seconds.add(Duration.between(committed.apply(rs.getString("event_id")), snapshot).toMillis() / 1000.0);
            }
        });
        Collections.sort(seconds);
        return new Latencies(percentile(seconds, 50), percentile(seconds, 99),
                seconds.isEmpty() ? Double.NaN : seconds.get(seconds.size() - 1), withoutSnapshot[0]);
    }

    /** The nearest-rank percentile of sorted values: the smallest value with at least p % of them at or below it. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }

    private static String key(long accountId, long jobInstanceId) {
        return accountId + "/" + jobInstanceId;
    }
}
