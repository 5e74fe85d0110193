package com.accountsnapshot.operations.cli;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

import com.accountsnapshot.remote.RemotePartitioningConfiguration;
import com.accountsnapshot.remote.RemotePartitioningProperties;

import org.springframework.boot.ApplicationArguments;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.stereotype.Component;

/**
 * {@code worker}: takes partition requests from the broker and runs them, until stopped. Any number of
 * workers, on any machines, share the queue and the job repository.
 */
@Component
class WorkerCommand implements Command, ApplicationListener<ContextClosedEvent> {

    private final ApplicationContext context;

    private final RemotePartitioningProperties properties;

    private final CountDownLatch closed = new CountDownLatch(1);

    WorkerCommand(ApplicationContext context, RemotePartitioningProperties properties) {
        this.context = context;
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
                  A manager is a run with --account-snapshot.remote.enabled=true.""";
    }

    @Override
    public int execute(ApplicationArguments arguments, Console console) throws InterruptedException {
        Options.read(arguments, Set.of());
        context.getBean(RemotePartitioningConfiguration.WORKER_LISTENER, Lifecycle.class).start();
        console.out().println("Worker taking partitions from queue '" + properties.queue() + "', "
                + properties.workerConcurrency() + " at a time");
        closed.await();
        return COMPLETED;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closed.countDown();
    }
}
