package com.accountsnapshot.cli;

import java.util.Set;

import com.accountsnapshot.benchmark.Benchmark;
import com.accountsnapshot.benchmark.BenchmarkOptions;

import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/**
 * {@code benchmark --accounts=N [--seed=S] [--naive-sample=K] [--reset] [--workers=W]}: the project's benchmark
 * (SPEC §10).
 */
@Component
class BenchmarkCommand implements Command {

    private final Benchmark benchmark;

    BenchmarkCommand(Benchmark benchmark) {
        this.benchmark = benchmark;
    }

    @Override
    public String name() {
        return "benchmark";
    }

    @Override
    public String help() {
        return """
                benchmark          generate a portfolio and compare the job with a set-based INSERT ... SELECT and
                                   with naive per-account queries, as throughput ratios measured in one run
                  Usage: benchmark [--accounts=N] [--seed=S] [--naive-sample=K] [--reset] [--workers=W]
                  --accounts       accounts to generate (default 100000); half of them get two prior snapshots
                  --seed           generation seed (default 42)
                  --naive-sample   accounts the naive contender snapshots; its rate is per account (default 2000)
                  --reset          TRUNCATE the source tables, snapshots, issues and job metadata first; without
                                   it a database holding accounts or snapshots is refused
                  --workers        worker processes of contender e, the job remote-partitioned over RabbitMQ
                                   (SPRING_RABBITMQ_HOST etc., default localhost:5672) to workers started from
                                   this jar on this machine, one partition at a time each (default 2; 0 skips e).
                                   e is skipped, saying why, without a broker or when not run from the jar.
                                   On one machine e shows the broker's and the extra JVMs' overhead, not a
                                   speed-up.
                  The generated portfolio stays in the database afterwards. The last line reads
                  ratio_vs_sql=X ratio_vs_naive=Y accounts_per_s=Z (the partitioned job against the others).
                  Exit codes: 0 done, 2 refused (bad option, or a database that holds data without --reset)""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(
                Options.read(arguments, Set.of("accounts", "seed", "naive-sample", "reset", "workers")));
        benchmark.run(options, console.out());
        return COMPLETED;
    }
}
