package com.accountsnapshot.cli;

import java.util.concurrent.Callable;

import com.accountsnapshot.events.EventOverviews;
import com.accountsnapshot.events.EventsOverview;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code events}: what became of the platform's events: counts by status and type, the age of the oldest pending
 * one, the latest batches with their runs; with {@code --rejected}, the rejected events and why.
 */
@Command(name = "events", description = "Events by status and type, the oldest pending, the latest batches and "
        + "their runs; --rejected lists rejected events and why.")
final class EventsCommand implements Callable<Integer> {

    @Mixin
    HelpOption help;

    @Option(names = "--rejected", description = "List the latest rejected events with their reason.")
    boolean rejected;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, e.g. KPI_DATA_UPLOADED.")
    @Nullable String type;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", converter = Converters.Limit.class,
            description = "How many batches or rejected events, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Autowired
    private EventOverviews overviews;

    private final Console console = Console.system();

    @Override
    public Integer call() {
        EventsOverview overview;
        try {
            overview = overviews.overview(rejected ? "rejected" : null, type, limit);
        }
        catch (IllegalArgumentException ex) {
            console.err().println(ex.getMessage());
            return ExitCodes.REFUSED_PARAMETERS;
        }
        if (rejected) {
            console.out().printf("%-30s %-30s %-8s  %s%n", "EVENT", "TYPE", "SOURCE", "PROBLEM");
            overview.events().forEach(event -> console.out().printf("%-30s %-30s %-8s  %s%n", event.eventId(),
                    event.eventType() == null ? "-" : event.eventType(), event.source(), event.problem()));
            return ExitCodes.COMPLETED;
        }
        console.out().printf("%-10s %-30s %8s%n", "STATUS", "TYPE", "EVENTS");
        overview.counts().forEach(count -> console.out().printf("%-10s %-30s %8d%n", count.status(),
                count.eventType().isEmpty() ? "-" : count.eventType(), count.events()));
        console.out().println("Oldest pending event: " + (overview.oldestPendingAgeSeconds() == null ? "none"
                : overview.oldestPendingAgeSeconds() + " s old"));
        console.out().printf("%-8s %-30s %-22s %7s %-8s %10s  %s%n", "BATCH", "TYPE", "CUT AT", "EVENTS", "STATUS",
                "EXECUTION", "FIRST EVENT");
        overview.latestBatches().forEach(batch -> console.out().printf("%-8d %-30s %-22s %7d %-8s %10s  %s%n",
                batch.batchId(), batch.eventType(), batch.cutAt(), batch.eventCount(), batch.status(),
                batch.jobExecutionId() == null ? "-" : batch.jobExecutionId(), batch.firstEventId()));
        return ExitCodes.COMPLETED;
    }
}
