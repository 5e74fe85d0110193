package com.accountsnapshot.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.accountsnapshot.benchmark.EventBenchmark;
import com.accountsnapshot.benchmark.EventBenchmarkOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code benchmark events [--accounts=N] [--events=E] [--quiet-periods=default,1s] [--seed=S] [--reset]}: the
 * events benchmark (docs/performance.md). Its options are read and checked by {@link EventBenchmarkOptions}, before
 * the application starts.
 */
@Command(name = "events",
        description = {"Generate a portfolio, then measure with serve processes of this jar the events per second "
                + "each way in accepts (outbox, RabbitMQ, HTTP) and, for each quiet period, the latency from an "
                + "event's commit to its snapshot's commit over a burst of events.",
                "The last line reads events_per_s outbox=.. outbox_batch=.. amqp=.. http=.. http_single=.. "
                        + "latency_p50_s default=.. 1s=..; the amqp path is skipped, saying why, without a broker."},
        footer = "Exit codes: 0 done, 2 refused (bad option, not run from the jar, or a database that holds data "
                + "without --reset)")
final class EventBenchmarkCommand implements Callable<Integer>, ApplicationSetup {

    @Mixin
    HelpOption help;

    @Option(names = "--accounts", paramLabel = "N", description = "Accounts to generate (default 2000).")
    @Nullable String accounts;

    @Option(names = "--events", paramLabel = "E",
            description = "Events on each way in and in each burst (default 10000, at most 10000).")
    @Nullable String events;

    @Option(names = "--quiet-periods", paramLabel = "Q,...",
            description = "The quiet periods to measure a burst with, each in a serve of its own, the other "
                    + "settings their defaults: default (the product's) or a duration such as 1s (default "
                    + "default,1s).")
    @Nullable String quietPeriods;

    @Option(names = "--seed", paramLabel = "S", description = "Generation seed (default 42).")
    @Nullable String seed;

    @Option(names = "--reset", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
            description = "TRUNCATE the source tables, snapshots, events and job metadata first; without it a "
                    + "database holding accounts, snapshots or events is refused.")
    @Nullable String reset;

    @Autowired
    private EventBenchmark benchmark;

    private @Nullable EventBenchmarkOptions options;

    private final Console console = Console.system();

    @Override
    public void check() {
        Map<String, String> given = new LinkedHashMap<>();
        put(given, "accounts", accounts);
        put(given, "events", events);
        put(given, "quiet-periods", quietPeriods);
        put(given, "seed", seed);
        put(given, "reset", reset);
        options = EventBenchmarkOptions.parse(given);
    }

    @Override
    public Integer call() throws Exception {
        benchmark.run(options, console.out());
        return ExitCodes.COMPLETED;
    }

    private static void put(Map<String, String> options, String name, @Nullable String value) {
        if (value != null) {
            options.put(name, value);
        }
    }
}
