package com.accountsnapshot.cli;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.accountsnapshot.remote.PartitionWorker;
import com.accountsnapshot.remote.RemotePartitioningProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * {@code worker}: takes partition requests from the broker and runs them, until stopped. Any number of
 * workers, on any machines, share the queue and the job repository. SIGTERM or Ctrl-C stops it gracefully: no
 * new partition is taken, running ones are handed over to the other workers after their current chunk, and the
 * process exits 0 ({@link PartitionWorker}).
 */
@Component
class WorkerCommand implements Command, ApplicationListener<ContextClosedEvent> {

    private final PartitionWorker worker;

    private final RemotePartitioningProperties properties;

    private final CompletableFuture<String> stopRequested = new CompletableFuture<>();

    WorkerCommand(PartitionWorker worker, RemotePartitioningProperties properties) {
        this.worker = worker;
        this.properties = properties;
    }

    @Override
    public String name() {
        return "worker";
    }

    @Override
    public String help() {
        return """
                worker             run partitions of remote-partitioned runs sent through RabbitMQ, until stopped
                  Usage: worker [--account-snapshot.remote.worker-concurrency=N]
                  The broker from SPRING_RABBITMQ_HOST, _PORT, _USERNAME, _PASSWORD; the database as for run.
                  A manager is a run with --account-snapshot.remote.enabled=true.
                  SIGTERM or Ctrl-C: takes no new partition, hands the running ones over to the other workers
                  after their current chunk and exits 0; exits 1 at once if a chunk has not ended within
                  --account-snapshot.shutdown-timeout (default 5m), leaving its partition as a killed worker would.""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws Exception {
        Options.read(arguments, Set.of());
        StopSignals.handle(stopRequested::complete);
        worker.start();
        console.out().println("Worker taking partitions from queue '" + properties.queue() + "', "
                + properties.workerConcurrency() + " at a time");
        String reason = stopRequested.get();
        console.out().println("Worker stopping (" + reason + "): taking no new partition, handing running ones "
                + "over after their current chunk");
        int handedOver = worker.stop();
        console.out().println("Worker stopped; " + handedOver + (handedOver == 1 ? " partition" : " partitions")
                + " handed over");
        return COMPLETED;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopRequested.complete("application context closed");
    }
}
