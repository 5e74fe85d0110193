package com.accountsnapshot.cli;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.RunReports;
import com.accountsnapshot.run.SnapshotRuns;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.stereotype.Component;

/** {@code executions}: recent runs, newest first: id, status, parameters, counts, duration. */
@Component
class ExecutionsCommand implements Command {

    private final SnapshotRuns runs;

    private final RunReports reports;

    ExecutionsCommand(SnapshotRuns runs, RunReports reports) {
        this.runs = runs;
        this.reports = reports;
    }

    @Override
    public String name() {
        return "executions";
    }

    @Override
    public String help() {
        return """
                executions         list recent runs: id, status, parameters, counts, duration
                  Usage: executions [--limit=20] [--status=FAILED]""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) {
        var options = Options.read(arguments, Set.of("limit", "status"));
        int limit = parseLimit(options.getOrDefault("limit", "20"));
        BatchStatus status = options.containsKey("status") ? parseStatus(options.get("status")) : null;
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
        return COMPLETED;
    }

    static String parameters(JobExecution execution) {
        return execution.getJobParameters().parameters().stream()
                .sorted(java.util.Comparator.comparing(p -> p.name()))
                .map(p -> p.name() + "=" + p.value()).collect(Collectors.joining(" "));
    }

    private static int parseLimit(String text) {
        if (!text.matches("[0-9]{1,4}") || Integer.parseInt(text) == 0) {
            throw new IllegalArgumentException("--limit: '" + text + "' is not a number from 1 to 9999");
        }
        return Integer.parseInt(text);
    }

    private static BatchStatus parseStatus(String text) {
        try {
            return BatchStatus.valueOf(text.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("--status: '" + text + "' is not one of "
                    + java.util.Arrays.toString(BatchStatus.values()));
        }
    }
}
