package com.accountsnapshot.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.accountsnapshot.benchmark.Benchmark;
import com.accountsnapshot.benchmark.BenchmarkOptions;
import com.accountsnapshot.job.SnapshotMonths;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmark --accounts=N [--seed=S] [--naive-sample=K] [--reset] [--workers=W]}: the project's benchmark
 * (docs/performance.md). Its options are read and checked by {@link BenchmarkOptions}, before the application starts.
 */
@Command(name = "benchmark", subcommands = EventBenchmarkCommand.class,
        description = {"Generate a portfolio and compare the job with a set-based INSERT ... SELECT and with naive "
                + "per-account queries, as throughput ratios measured in one run.",
                "The generated portfolio stays in the database afterwards. The last line reads ratio_vs_sql=X "
                        + "ratio_vs_naive=Y accounts_per_s=Z (the partitioned job against the others)."},
        footer = "Exit codes: 0 done, 2 refused (bad option, or a database that holds data without --reset)")
final class BenchmarkCommand implements Callable<Integer>, ApplicationSetup {

    @Mixin
    HelpOption help;

    @Option(names = "--accounts", paramLabel = "N",
            description = "Accounts to generate (default 100000); half of them get two prior snapshots.")
    @Nullable String accounts;

    @Option(names = "--seed", paramLabel = "S", description = "Generation seed (default 42).")
    @Nullable String seed;

    @Option(names = "--naive-sample", paramLabel = "K",
            description = "Accounts the naive contender snapshots; its rate is per account (default 2000).")
    @Nullable String naiveSample;

    @Option(names = "--reset", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "TRUNCATE the source tables, snapshots, issues and job metadata first; without it a "
                    + "database holding accounts or snapshots is refused.")
    @Nullable String reset;

    @Option(names = "--workers", paramLabel = "W",
            description = "Worker processes of contender e, the job remote-partitioned over RabbitMQ "
                    + "(SPRING_RABBITMQ_HOST etc., default localhost:5672) to workers started from this jar on this "
                    + "machine, one partition at a time each (default 2; 0 skips e). e is skipped, saying why, "
                    + "without a broker or when not run from the jar. On one machine e shows the broker's and the "
                    + "extra JVMs' overhead, not a speed-up.")
    @Nullable String workers;

    @Option(names = "--history-months", paramLabel = "M",
            description = "Instead of the contenders: the job after 1 month and after M months of prior history "
                    + "(one snapshot per account and month, generated set-based), both rates and their ratio, and "
                    + "the bytes per snapshot (0, the default: off).")
    @Nullable String historyMonths;

    @Autowired
    private SnapshotMonths snapshotMonths;

    @Autowired
    private Benchmark benchmark;

    private @Nullable BenchmarkOptions options;

    private final Console console = Console.system();

    @Override
    public void check() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "accounts", accounts);
        put(given, "seed", seed);
        put(given, "naive-sample", naiveSample);
        put(given, "reset", reset);
        put(given, "workers", workers);
        put(given, "history-months", historyMonths);
        options = BenchmarkOptions.parse(given);
    }

    @Override
    public Integer call() throws Exception {
        snapshotMonths.premake();
        benchmark.run(options, console.out());
        return ExitCodes.COMPLETED;
    }

    private static void put(Map<String, String> options, String name, @Nullable String value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
