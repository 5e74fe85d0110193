package com.accountsnapshot.benchmark;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.internal.JdbcSnapshotWriter;
import com.accountsnapshot.snapshot.internal.SnapshotPartitions;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Shows that a run's cost does not grow with the depth of history: the job on the same portfolio after one
 * month of prior history (one snapshot per account) and after {@code months} months of it (one per account and
 * month), its two rates and their ratio. The history is generated set-based: the month before the as-of by
 * {@link SetBasedSnapshotInsert} (the rows the job would write), then, for the deep history, those rows copied
 * into each earlier month with one {@code INSERT ... SELECT} per month, under job ids of their own. A warm-up run
 * (not compared) comes first, so that both measured runs find the JVM warm.
 */
final class HistoryDepth {

    /** The job ids of the generated history: month k before the as-of is written by -100 - k. */
    private static final long HISTORY_RUN_IDS = -100;

    private static final String TEMPLATE = "benchmark_history_month";

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final BenchmarkDatabase database;

    private final JobContender job;

    HistoryDepth(DataSource dataSource, JdbcTemplate jdbc, BenchmarkDatabase database, JobContender job) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.database = database;
        this.job = job;
    }

    /** Measures the job as of {@code asOf} after one month and after {@code months} months of history. */
    void measure(Instant asOf, int months, PrintStream out) throws Exception {
        SnapshotPartitions partitions = new SnapshotPartitions(jdbc);
        for (int month = 0; month <= months; month++) {
            partitions.createMonthOf(monthsBefore(asOf, month));
        }

        long started = System.nanoTime();
        int written = new SetBasedSnapshotInsert(dataSource).insert(monthsBefore(asOf, 1), HISTORY_RUN_IDS - 1,
                HISTORY_RUN_IDS - 1);
        database.vacuum();
        Benchmark.print(out, "history: 1 month: %d snapshots (one per account) at %s, in %.1f s", written,
                monthsBefore(asOf, 1), since(started));
        Benchmark.print(out, "%s", database.storage().line());
        // a first run, its snapshots deleted after it, so that neither measured run pays for warming up the JVM
        measureJob(asOf, "history-warm-up", out);
        Benchmark.print(out, "history: the warm-up run above is not compared: it warms up the JVM, and its "
                + "snapshots are deleted");
        Measurement shallow = measureJob(asOf, "history-1-month", out);

        started = System.nanoTime();
        long deep = deepen(asOf, months);
        database.vacuum();
        Benchmark.print(out, "history: %d months: %d snapshots (one per account and month), copied month by month "
                + "in %.1f s", months, deep, since(started));
        Benchmark.print(out, "%s", database.storage().line());
        Measurement deeper = measureJob(asOf, "history-" + months + "-months", out);

        Benchmark.print(out, "history ratio %d months / 1 month: %.3f (accounts_per_s %.2f and %.2f)", months,
                deeper.accountsPerSecond() / shallow.accountsPerSecond(), deeper.accountsPerSecond(),
                shallow.accountsPerSecond());
    }

    /** The one month of history copied into each of the {@code months} months before the as-of, oldest first. */
    private long deepen(Instant asOf, int months) {
        jdbc.execute("DROP TABLE IF EXISTS " + TEMPLATE);
        jdbc.execute("CREATE UNLOGGED TABLE " + TEMPLATE + " AS SELECT * FROM account_snapshots WHERE "
                + "job_execution_id = " + (HISTORY_RUN_IDS - 1));
        try {
            database.emptySnapshots();
            // the inserted columns, each taken from the template except the month's own
            Map<String, String> replaced = Map.of("job_instance_id", "CAST(? AS bigint)", "job_execution_id",
                    "CAST(? AS bigint)", "snapshot_timestamp", "CAST(? AS timestamptz)", "snapshot_sequence_number",
                    "CAST(? AS int)", "previous_snapshot_id", "NULL");
            String copy = JdbcSnapshotWriter.INSERT_INTO_SNAPSHOTS + "SELECT " + JdbcSnapshotWriter.INSERTED_COLUMNS
                    .stream().map(column -> replaced.getOrDefault(column, column))
                    .collect(Collectors.joining(", ")) + " FROM " + TEMPLATE;
            // the placeholders in the order of the inserted columns: the job ids, then the timestamp, then the number
            long copied = 0;
            for (int month = months; month >= 1; month--) {
                long runId = HISTORY_RUN_IDS - month;
                copied += jdbc.update(copy, runId, runId, monthsBefore(asOf, month).atOffset(ZoneOffset.UTC),
                        months - month + 1);
            }
            return copied;
        }
        finally {
            jdbc.execute("DROP TABLE IF EXISTS " + TEMPLATE);
        }
    }

    private Measurement measureJob(Instant asOf, String name, PrintStream out) throws Exception {
        JobContender.JobRun run = job.run(asOf, Map.of());
        Measurement measurement = new Measurement("a", name, run.accounts(), run.seconds(), run.peakHeapBytes(),
                String.format(Locale.ROOT, "statements_per_chunk=%.2f chunks=%d", run.statementsPerChunk(),
                        run.commits()));
        Benchmark.print(out, "%s", measurement.line());
        return measurement;
    }

    private static Instant monthsBefore(Instant asOf, int months) {
        return asOf.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private static double since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
