package com.accountsnapshot.benchmark;

import java.util.Locale;

/**
 * One contender's measured run: how many accounts it snapshotted in how many seconds of wall time, the JVM's
 * peak heap meanwhile, and what else is worth printing about it ({@code key=value} pairs).
 *
 * @param key a, b, c, d or e
 * @param name what ran, e.g. {@code job-default}
 */
record Measurement(String key, String name, long accounts, double seconds, long peakHeapBytes, String details) {

    double accountsPerSecond() {
        return accounts / seconds;
    }

    /** {@code a job-default accounts=100000 seconds=81.20 accounts_per_s=1231.53 peak_heap_mb=120.5 ...} */
    String line() {
        return String.format(Locale.ROOT, "%s %-20s accounts=%d seconds=%.2f accounts_per_s=%.2f peak_heap_mb=%.1f%s",
                key, name, accounts, seconds, accountsPerSecond(), peakHeapBytes / 1_048_576.0,
                details.isEmpty() ? "" : " " + details);
    }
}
