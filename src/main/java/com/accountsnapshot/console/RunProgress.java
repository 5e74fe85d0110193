package com.accountsnapshot.console;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How far a run has got: accounts read of those in scope, the rate since it started, the time left at that
 * rate, and each partition's share with the process running it.
 *
 * @param rate accounts per second (null before the first chunk)
 * @param eta the time left at the rate (null when it cannot be told)
 */
public record RunProgress(String status, boolean running, long done, long total, @Nullable Double rate,
        @Nullable Duration eta, List<Partition> partitions) {

    /** A partition (or the single step): its name, its worker ({@code pid@host}), accounts read of its share. */
    public record Partition(String name, String status, @Nullable String worker, long done, long total) {

        public int percent() {
            return RunProgress.percent(done, total);
        }
    }

    public int percent() {
        return percent(done, total);
    }

    static int percent(long done, long total) {
        return total == 0 ? 0 : (int) Math.min(100, done * 100 / total);
    }

    /** The time left as minutes and seconds, or a dash. */
    public String etaText() {
        if (eta == null) {
            return "-";
        }
        long seconds = eta.toSeconds();
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
