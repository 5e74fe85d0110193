package com.accountsnapshot.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Remote partitioning over RabbitMQ ({@code account-snapshot.remote.*}); the broker itself is configured
 * with the standard {@code spring.rabbitmq.*} properties ({@code SPRING_RABBITMQ_HOST}, ...).
 *
 * @param enabled a {@code run} of this process is a manager: it sends the partitions to the workers
 * @param worker this process is a worker: it takes partitions from the queue (set by the {@code worker} command)
 * @param queue the queue partition requests go through
 * @param timeout how long the manager waits for all partitions before the run fails
 * @param pollInterval how often the manager reads the workers' progress from the job repository
 * @param workerConcurrency partitions one worker process runs at once (0: one per processor)
 * @param leasedRequestDelay how long a worker holds a request whose partition another live worker runs before it
 *        hands it back to the queue (it comes back until that partition ends or its lease dies)
 */
@ConfigurationProperties("account-snapshot.remote")
public record RemotePartitioningProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("false") boolean worker,
        @DefaultValue("account-snapshot.partitions") String queue,
        @DefaultValue("2h") Duration timeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("0") int workerConcurrency,
        @DefaultValue("10s") Duration leasedRequestDelay) {

    /** Makes this process a manager ({@code enabled}). */
    public static final String MANAGER_PROPERTY = "account-snapshot.remote.enabled";

    /** Makes this process a worker ({@code worker}). */
    public static final String WORKER_PROPERTY = "account-snapshot.remote.worker";

    public RemotePartitioningProperties {
        if (workerConcurrency == 0) {
            workerConcurrency = Runtime.getRuntime().availableProcessors();
        }
        if (leasedRequestDelay.isNegative()) {
            throw new IllegalArgumentException("account-snapshot.remote.leased-request-delay must not be negative");
        }
    }
}
