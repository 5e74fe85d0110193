package com.accountsnapshot.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.accountsnapshot.run.SnapshotMaintenance;
import com.accountsnapshot.demo.DemoActivity;
import com.accountsnapshot.demo.DemoPortfolio;
import com.accountsnapshot.demo.DemoPortfolioGenerator;
import com.accountsnapshot.snapshot.KpiReferenceRanges;
import com.accountsnapshot.snapshot.SnapshotRun;
import com.accountsnapshot.snapshot.SnapshotType;
import com.accountsnapshot.snapshot.internal.SnapshotPartitions;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The project's benchmark (docs/performance.md): on the database it is pointed at, generates a fresh portfolio with a
 * history for half of its accounts, then snapshots the same accounts with the same history five ways, each
 * as of the same instant into {@code account_snapshots}, deleting each contender's rows before the next:
 * <ol type="a">
 * <li>the product's job, default configuration (partitioned across all cores when there is more than one), one
 * full-portfolio run through {@code SnapshotRuns};</li>
 * <li>the same job as one single-threaded step ({@code account-snapshot.job.partitioned=false});</li>
 * <li>the prototype's naive data access ({@link NaiveSnapshotter}) on a sample, extrapolated per account;</li>
 * <li>one set-based {@code INSERT ... SELECT} inside PostgreSQL ({@link SetBasedSnapshotInsert});</li>
 * <li>the job remote-partitioned over RabbitMQ to worker processes on this machine ({@link RemoteContender}),
 * skipped, saying why, with {@code --workers=0}, outside a jar, or without a broker.</li>
 * </ol>
 * It prints throughput, the ratios between them, the job's SQL statements per chunk, the JVM's peak heap, the
 * CPU seconds per 1,000 accounts of this JVM and of the database's backends and the bytes written per snapshot
 * ({@link CostMeter}) of each; its last line is {@code ratio_vs_sql=a/d ratio_vs_naive=a/c accounts_per_s=<a's>}.
 */
@Component
public class Benchmark {

    /** The instant every contender snapshots as of: two weeks after the demo world's "now". */
    static final Instant AS_OF = Instant.parse("2026-11-15T00:00:00Z");

    static final long SQL_RUN_ID = -1;

    static final long NAIVE_RUN_ID = -2;

    /**
     * What a measured run's application context takes over from this one: the database (a server's URL, or
     * the embedded default's data directory and port, which the measured context attaches to) and the size
     * of the connection pool (on a shared server, a pool kept full of idle connections is not free).
     */
    static final List<String> DATABASE_PROPERTIES = List.of("spring.datasource.url",
            "spring.datasource.username", "spring.datasource.password", "spring.datasource.hikari.minimum-idle",
            "spring.datasource.hikari.maximum-pool-size", "account-snapshot.embedded-database.data-directory",
            "account-snapshot.embedded-database.port");

    /** The broker settings the remote contender's manager and workers take over from this process. */
    static final List<String> BROKER_PROPERTIES = List.of("spring.rabbitmq.host", "spring.rabbitmq.port",
            "spring.rabbitmq.addresses", "spring.rabbitmq.username", "spring.rabbitmq.password",
            "spring.rabbitmq.virtual-host");

    private final DataSource dataSource;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final DemoPortfolioGenerator generator;

    private final DemoActivity activity;

    private final Environment environment;

    private final RabbitConnectionDetails broker;

    private final SnapshotMaintenance maintenance;

    Benchmark(DataSource dataSource, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
            DemoPortfolioGenerator generator, DemoActivity activity, Environment environment,
            RabbitConnectionDetails broker, SnapshotMaintenance maintenance) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.generator = generator;
        this.activity = activity;
        this.environment = environment;
        this.broker = broker;
        this.maintenance = maintenance;
    }

    /**
     * Runs the whole benchmark, printing each phase as it ends.
     *
     * @throws IllegalArgumentException when the database already holds data and {@code reset} is not given
     */
    public void run(BenchmarkOptions options, PrintStream out) throws Exception {
        BenchmarkDatabase database = new BenchmarkDatabase(jdbc, maintenance);
        HeapPeak heap = new HeapPeak();
        int cores = Runtime.getRuntime().availableProcessors();
        print(out, "benchmark: %d accounts (seed %d), naive sample %d, as of %s; PostgreSQL %s, %d cores, "
                + "max heap %d MB", options.accounts(), options.seed(), options.naiveAccounts(), AS_OF,
                database.serverVersion(), cores, HeapPeak.maxHeapBytes() / 1_048_576);

        CostMeter meter = new CostMeter(jdbc);
        JobContender job = new JobContender(databaseArguments(), database, heap, meter);
        RemoteContender remote = new RemoteContender(job, broker, properties(DATABASE_PROPERTIES),
                properties(BROKER_PROPERTIES));
        Optional<Path> jar = RemoteContender.runningJar();
        Optional<String> remoteSkipped = RemoteContender.skipReason(options.workers(), jar, broker);
        remoteSkipped.ifPresent(reason -> print(out, "e skipped: %s", reason));

        if (options.historyMonths() > 0) {
            generate(options, database, out);
            new HistoryDepth(dataSource, jdbc, database, job).measure(AS_OF, options.historyMonths(), out);
            return;
        }
        prepare(options, database, out);

        // d and c first: the naive contender runs the product's calculation and JDBC code, so the job's first
        // run (a) does not pay for warming up the JVM that the runs after it would not
        print(out, "measuring in the order d, c, a, b%s; each as of %s into account_snapshots, its rows deleted "
                + "after it", remoteSkipped.isPresent() ? "" : ", e", AS_OF);
        Measurement d = measureSql(database, heap, meter, out);
        Measurement c = measureNaive(options, database, heap, meter, out);
        Measurement a = measureJob(job, "a", "job-default", Map.of(), out);
        Measurement b = measureJob(job, "b", "job-single-step", Map.of("account-snapshot.job.partitioned", "false"),
                out);
        Measurement e = null;
        if (remoteSkipped.isEmpty()) {
            e = remote.measure(AS_OF, options.workers(), jar.orElseThrow(), out);
            print(out, "%s", e.line());
            print(out, "note: e runs the manager and its %d workers on this one machine: it shows the broker's and "
                    + "the extra JVMs' overhead, not a speed-up; workers on separate machines add their cores",
                    options.workers());
            requireEvery(options.accounts(), e);
        }
        requireEvery(options.accounts(), a, b, d);
        requireEvery(options.naiveAccounts(), c);

        print(out, "ratios a/d=%.2f b/d=%.2f a/c=%.2f b/c=%.2f%s", ratio(a, d), ratio(b, d), ratio(a, c), ratio(b, c),
                e == null ? "" : String.format(Locale.ROOT, " e/d=%.2f e/c=%.2f e/b=%.2f", ratio(e, d), ratio(e, c),
                        ratio(e, b)));
        print(out, "ratio_vs_sql=%.2f ratio_vs_naive=%.2f accounts_per_s=%.2f", ratio(a, d), ratio(a, c),
                a.accountsPerSecond());
    }

    private void prepare(BenchmarkOptions options, BenchmarkDatabase database, PrintStream out) {
        generate(options, database, out);
        SnapshotPartitions partitions = new SnapshotPartitions(jdbc);
        for (int days = 0; days <= 60; days += 30) {
            partitions.createMonthOf(AS_OF.minus(Duration.ofDays(days)));
        }
        long started = System.nanoTime();
        long prior = new PriorSnapshots(jdbc, transactions, activity, new SetBasedSnapshotInsert(dataSource),
                maintenance).add(AS_OF, options.seed());
        database.vacuum();
        print(out, "prepare: history: %d prior snapshots, two for each even account id, at %s and %s, inserted "
                + "set-based (statement d), simulated activity after each; vacuumed and analyzed, in %.1f s", prior,
                AS_OF.minus(Duration.ofDays(60)), AS_OF.minus(Duration.ofDays(30)), since(started));
        print(out, "%s", database.storage().line());
    }

    /** An empty database (emptied with --reset), then the generated portfolio. */
    private void generate(BenchmarkOptions options, BenchmarkDatabase database, PrintStream out) {
        if (database.prepareEmpty(options.reset())) {
            print(out, "prepare: --reset: emptied the source tables, snapshots, issues and job metadata");
        }
        long started = System.nanoTime();
        DemoPortfolio portfolio = generator.generate(options.accounts(), options.seed());
        print(out, "prepare: generated %d accounts (%d products, %d KPIs, %d health trend months, %d playbook "
                + "executions, %d reports, %d triggers, %d notes) in %.1f s", portfolio.accounts(),
                portfolio.products(), portfolio.kpis(), portfolio.healthTrends(), portfolio.playbookExecutions(),
                portfolio.playbookReports(), portfolio.playbookTriggers(), portfolio.accountNotes(), since(started));
    }

    private Measurement measureJob(JobContender job, String key, String name, Map<String, String> properties,
            PrintStream out) throws Exception {
        JobContender.JobRun run = job.run(AS_OF, properties);
        List<String> details = new ArrayList<>();
        new TreeMap<>(properties).forEach((property, value) -> details.add(
                property.substring(property.lastIndexOf('.') + 1) + "=" + value));
        details.add(String.format(Locale.ROOT, "threads=%d statements_per_chunk=%.2f chunks=%d step_executions=%d",
                run.threads(), run.statementsPerChunk(), run.commits(), run.stepExecutions()));
        details.add(run.cost().details());
        Measurement measurement = new Measurement(key, name, run.accounts(), run.seconds(), run.peakHeapBytes(),
                String.join(" ", details));
        print(out, "%s", measurement.line());
        return measurement;
    }

    private Measurement measureNaive(BenchmarkOptions options, BenchmarkDatabase database, HeapPeak heap,
            CostMeter meter, PrintStream out) {
        List<Long> sample = jdbc.queryForList("SELECT account_id FROM accounts ORDER BY account_id LIMIT ?",
                Long.class, options.naiveAccounts());
        StatementCounter counter = new StatementCounter();
        NaiveSnapshotter naive = new NaiveSnapshotter(counter.wrap(dataSource), NAIVE_RUN_ID, NAIVE_RUN_ID);
        SnapshotRun run = new SnapshotRun(AS_OF, SnapshotType.MANUAL, null, null, false, Duration.ZERO,
                KpiReferenceRanges.none());

        heap.reset();
        CostMeter.Sample before = meter.sample();
        long started = System.nanoTime();
        int written = naive.snapshot(sample, run);
        double seconds = since(started);
        CostMeter.Cost cost = CostMeter.between(before, meter.sample(), written);
        long peakHeap = heap.peakBytes();
        database.deleteRun(NAIVE_RUN_ID);

        Measurement measurement = new Measurement("c", "naive", written, seconds, peakHeap, String.format(Locale.ROOT,
                "statements_per_account=%.2f sample_of=%d extrapolated_seconds=%.1f %s",
                (double) counter.count() / Math.max(1, written), options.accounts(),
                seconds / Math.max(1, written) * options.accounts(), cost.details()));
        print(out, "%s", measurement.line());
        return measurement;
    }

    private Measurement measureSql(BenchmarkDatabase database, HeapPeak heap, CostMeter meter, PrintStream out) {
        heap.reset();
        CostMeter.Sample before = meter.sample();
        long started = System.nanoTime();
        int written = new SetBasedSnapshotInsert(dataSource).insert(AS_OF, SQL_RUN_ID, SQL_RUN_ID);
        double seconds = since(started);
        CostMeter.Cost cost = CostMeter.between(before, meter.sample(), written);
        long peakHeap = heap.peakBytes();
        database.deleteRun(SQL_RUN_ID);

        Measurement measurement = new Measurement("d", "sql-insert-select", written, seconds, peakHeap,
                "statements=1 " + cost.details());
        print(out, "%s", measurement.line());
        return measurement;
    }

    /** Every contender must have done the whole work, or its throughput compares nothing. */
    private static void requireEvery(long accounts, Measurement... measurements) {
        for (Measurement measurement : measurements) {
            if (measurement.accounts() != accounts) {
                throw new IllegalStateException(measurement.key() + " (" + measurement.name() + ") snapshotted "
                        + measurement.accounts() + " of the " + accounts + " accounts it was given");
            }
        }
    }

    /** The arguments that point a second application context at this one's database, with its pool size. */
    private List<String> databaseArguments() {
        List<String> arguments = new ArrayList<>();
        properties(DATABASE_PROPERTIES).forEach((property, value) -> arguments.add("--" + property + "=" + value));
        return arguments;
    }

    /** Those of the named properties this process has a value for, in the given order. */
    private Map<String, String> properties(List<String> names) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String property : names) {
            String value = environment.getProperty(property);
            if (value != null && !value.isBlank()) {
                values.put(property, value);
            }
        }
        return values;
    }

    private static double ratio(Measurement numerator, Measurement denominator) {
        return numerator.accountsPerSecond() / denominator.accountsPerSecond();
    }

    private static double since(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    static void print(PrintStream out, String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
        out.flush();
    }
}
