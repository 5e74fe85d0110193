package com.accountsnapshot.cli;

import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.SnapshotRuns;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code executions}: recent runs, newest first: id, status, parameters, counts, duration. */
@Command(name = "executions", description = "List recent runs: id, status, parameters, counts, duration.")
final class ExecutionsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", converter = Converters.Limit.class,
            description = "How many runs, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--status", paramLabel = "STATUS", converter = Converters.Status.class,
            description = "Only runs with this status, e.g. FAILED.")
    @Nullable BatchStatus status;

    @Autowired
    private SnapshotRuns runs;

    @Autowired
    private RunReports reports;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        console.out().printf("%-10s %-10s %-28s %8s %8s %8s %8s %9s  %s%n", "EXECUTION", "STATUS", "STARTED", "READ",
                "WRITTEN", "FILTERED", "SKIPPED", "DURATION", "PARAMETERS");
        for (JobExecution execution : runs.recent(limit, status)) {
            RunReport report = reports.of(execution);
            console.out().printf("%-10d %-10s %-28s %8d %8d %8d %8d %9s  %s%n", report.executionId(), report.status(),
                    execution.getStartTime() == null ? "-" : execution.getStartTime(), report.read(), report.written(),
                    report.filtered(), report.skipped(),
                    report.duration() == null ? "-" : "%.1fs".formatted(report.duration().toMillis() / 1000.0),
                    parameters(execution));
        }
        return ExitCodes.COMPLETED;
    }

    static String parameters(JobExecution execution) {
        return execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing(p -> p.name()))
                .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(" "));
    }
}
