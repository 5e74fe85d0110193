package com.accountsnapshot.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a contender costs, in figures that hold when the machine is busy where wall-clock rates do not: this JVM's
 * process CPU time ({@code OperatingSystemMXBean.getProcessCpuTime}, every thread and the garbage collector
 * included), that of the PostgreSQL backends connected to the benchmark's database, read from
 * {@code /proc/<pid>/stat} (user + system time) when the server runs on this machine, and the bytes the server
 * wrote to its write-ahead log ({@code pg_current_wal_lsn()}): everything a contender made the database write, the
 * rows, their TOAST and index entries, the heads, the job's own metadata and the full page images after a
 * checkpoint, whatever free space the rows went into.
 *
 * <p>A backend is counted from the first sample it appears in (from zero when it connected in between) to the
 * last; one that disconnected before the closing sample is missed, so the job's figures are sampled while its
 * connection pool is still open. Autovacuum and the other servers' processes are not counted. The log is the whole
 * server's: another database's writes in between would be counted (the benchmark wants a quiet server).
 */
final class CostMeter {

    /** The kernel's clock ticks per second for {@code /proc/<pid>/stat} times (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** The server's write-ahead log position, in bytes from its start. */
    private static final String WAL_POSITION = "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint";

    private static final String BACKENDS = """
            SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND backend_type IN ('client backend', 'parallel worker')""";

    private final JdbcTemplate jdbc;

    CostMeter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One moment: the JVM's CPU time in nanoseconds, each visible backend's in clock ticks by pid, and the server's
     * write-ahead log position in bytes.
     */
    record Sample(long jvmNanos, Map<Integer, Long> backendTicks, boolean databaseVisible, long walBytes) {
    }

    /** What a contender cost between two samples, for {@code accounts} accounts (snapshots written). */
    record Cost(double jvmSeconds, double databaseSeconds, boolean databaseVisible, long walBytes, long accounts) {

        /**
         * {@code jvm_cpu_s_per_thousand=0.61 pg_cpu_s_per_thousand=0.88 wal_bytes_per_snapshot=2210}, the database's
         * CPU as {@code n/a} when the server is not local.
         */
        String details() {
            double thousands = Math.max(1, accounts) / 1000.0;
            return String.format(Locale.ROOT, "jvm_cpu_s_per_thousand=%.4f pg_cpu_s_per_thousand=%s "
                    + "wal_bytes_per_snapshot=%d", jvmSeconds / thousands,
                    databaseVisible ? String.format(Locale.ROOT, "%.4f", databaseSeconds / thousands) : "n/a",
                    Math.round((double) walBytes / Math.max(1, accounts)));
        }
    }

    Sample sample() {
        long jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        Map<Integer, Long> ticks = new HashMap<>();
        boolean visible = true;
        List<Integer> pids = jdbc.queryForList(BACKENDS, Integer.class);
        for (int pid : pids) {
            Long cpu = ticks(pid);
            if (cpu == null) {
                visible = false;
            }
            else {
                ticks.put(pid, cpu);
            }
        }
        long wal = Objects.requireNonNull(jdbc.queryForObject(WAL_POSITION, Long.class));
        return new Sample(jvm, ticks, visible && !pids.isEmpty(), wal);
    }

    static Cost between(Sample before, Sample after, long accounts) {
        long ticks = 0;
        for (Map.Entry<Integer, Long> backend : after.backendTicks().entrySet()) {
            ticks += backend.getValue() - before.backendTicks().getOrDefault(backend.getKey(), 0L);
        }
        return new Cost((after.jvmNanos() - before.jvmNanos()) / 1e9, ticks / TICKS_PER_SECOND,
                before.databaseVisible() && after.databaseVisible(), after.walBytes() - before.walBytes(), accounts);
    }

    /** utime + stime of a local postgres process, or null when there is no such process here. */
    private static Long ticks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
            int commandEnd = stat.lastIndexOf(')');
            if (commandEnd < 0 || !stat.substring(0, commandEnd).contains("postgres")) {
                return null;
            }
            // the fields after the command: state (3), ..., utime (14), stime (15)
            String[] fields = stat.substring(commandEnd + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        }
        catch (IOException | RuntimeException ex) {
            return null;
        }
    }
}
