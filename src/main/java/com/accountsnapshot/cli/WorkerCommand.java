package com.accountsnapshot.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

import com.accountsnapshot.job.SnapshotMonths;
import com.accountsnapshot.remote.PartitionWorker;
import com.accountsnapshot.remote.RemotePartitioningProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code worker}: takes partition requests from the broker and runs them, until stopped. Any number of
 * workers, on any machines, share the queue and the job repository. SIGTERM or Ctrl-C stops it gracefully: no
 * new partition is taken, running ones are handed over to the other workers after their current chunk, and the
 * process exits 0 ({@link PartitionWorker}).
 */
@Command(name = "worker",
        description = {"Run partitions of remote-partitioned runs sent through RabbitMQ, until stopped.",
                "The broker from SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD; the database as for run.",
                "A manager is a run with --account-snapshot.remote.enabled=true."},
        footer = {"Partitions run at once: --account-snapshot.remote.worker-concurrency=N (default: one per processor).",
                "SIGTERM or Ctrl-C: takes no new partition, hands the running ones over to the other workers after "
                        + "their current chunk and exits 0; exits 1 at once if a chunk has not ended within "
                        + "--account-snapshot.shutdown-timeout (default 5m), leaving its partition as a killed worker "
                        + "would."})
final class WorkerCommand implements Callable<Integer>, ApplicationSetup {

    @Mixin
    HelpOption help;

    @Autowired
    private SnapshotMonths snapshotMonths;

    @Autowired
    private PartitionWorker worker;

    @Autowired
    private RemotePartitioningProperties properties;

    @Autowired
    private ConfigurableApplicationContext context;

    @Autowired
    private CommandShutdown shutdown;

    private final Console console = Console.system();

    @Override
    public void configure(SpringApplication application) {
        application.setDefaultProperties(Map.of(RemotePartitioningProperties.WORKER_PROPERTY, "true"));
    }

    @Override
    public Integer call() throws Exception {
        snapshotMonths.premake();
        CompletableFuture<String> stopRequested = new CompletableFuture<>();
        shutdown.onShutdown(() -> stopRequested.complete(CommandShutdown.SIGNAL));
        context.addApplicationListener((ContextClosedEvent event) -> stopRequested.complete("application context "
                + "closed"));
        worker.start();
        console.out().println("Worker taking partitions from queue '" + properties.queue() + "', "
                + properties.workerConcurrency() + " at a time");
        String reason = stopRequested.get();
        console.out().println("Worker stopping (" + reason + "): taking no new partition, handing running ones "
                + "over after their current chunk");
        int handedOver = worker.stop();
        console.out().println("Worker stopped; " + handedOver + (handedOver == 1 ? " partition" : " partitions")
                + " handed over");
        return ExitCodes.COMPLETED;
    }
}
