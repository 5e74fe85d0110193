package com.accountsnapshot.remote;

import java.time.Duration;

import com.accountsnapshot.job.AccountSnapshotJobConfiguration;
import com.accountsnapshot.run.PartitionLeases;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.util.ErrorHandler;

/**
 * The worker's side (the {@code worker} command, {@code account-snapshot.remote.worker=true}): takes requests from
 * the queue, one unacknowledged message per partition it runs, and executes the same chunk step as a local
 * partition, sharing the job repository in PostgreSQL. A worker that dies leaves its message unacknowledged: the
 * broker hands it to another worker, which resumes the partition after its last committed chunk. A worker that is
 * stopped hands its partitions over the same way, after their current chunk ({@link PartitionWorker}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(RemotePartitioningProperties.WORKER_PROPERTY)
class RemoteWorkerConfiguration {

    /** The id of the worker's listener, started by the {@code worker} command only. */
    static final String WORKER_LISTENER = "partitionRequestListener";

    /** Contributed to the worker step's listeners (see {@code AccountSnapshotJobConfiguration}). */
    @Bean
    @Qualifier(AccountSnapshotJobConfiguration.WORKER_STEP_NAME)
    PartitionHandOver partitionHandOver() {
        return new PartitionHandOver();
    }

    /** Contributed to the worker step's listeners: the lease check of each chunk of a partition run here. */
    @Bean
    @Qualifier(AccountSnapshotJobConfiguration.WORKER_STEP_NAME)
    PartitionFencing partitionFencing(PartitionLeases partitionLeases, JobRepository jobRepository) {
        return new PartitionFencing(partitionLeases, jobRepository);
    }

    @Bean
    PartitionRequestHandler partitionRequestHandler(JobRepository jobRepository, BeanFactory beanFactory,
            PartitionHandOver partitionHandOver, PartitionLeases partitionLeases, PartitionFencing partitionFencing,
            RemotePartitioningProperties properties) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        return new PartitionRequestHandler(jobRepository, steps, partitionHandOver, partitionLeases,
                partitionFencing, properties.leasedRequestDelay());
    }

    @Bean
    PartitionWorker partitionWorker(BeanFactory beanFactory, PartitionHandOver partitionHandOver,
            @Value("${account-snapshot.shutdown-timeout:5m}") Duration shutdownTimeout) {
        return new PartitionWorker(beanFactory, partitionHandOver, shutdownTimeout);
    }

    /**
     * Requests are acknowledged when their partition has ended here, rejected without requeue when they fail, and
     * requeued when the worker stops ({@link PartitionRequestHandler}). Stopping waits for the running partitions
     * as long as the shutdown timeout: the container would interrupt its consumer threads after its default of 5 s.
     */
    @Bean
    IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory,
            RemotePartitioningProperties properties, PartitionRequestHandler handler,
            @Value("${account-snapshot.shutdown-timeout:5m}") Duration shutdownTimeout) {
        return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, properties.queue())
                        .id(WORKER_LISTENER)
                        .autoStartup(false)
                        .configureContainer(container -> container
                                .acknowledgeMode(AcknowledgeMode.AUTO)
                                .prefetchCount(1)
                                .concurrentConsumers(properties.workerConcurrency())
                                .defaultRequeueRejected(false)
                                .shutdownTimeout(shutdownTimeout.toMillis())
                                .errorHandler(quietOnRequeue(new ConditionalRejectingErrorHandler()))))
                .transform(String.class, PartitionRequests::fromJson)
                .handle(StepExecutionRequest.class, (request, headers) -> {
                    handler.handle(request);
                    return null;
                })
                .get();
    }

    /** A request sent back to the queue by a stopping worker is logged by the handler, not as a failure. */
    private static ErrorHandler quietOnRequeue(ErrorHandler failures) {
        return failure -> {
            if (!(NestedExceptionUtils.getMostSpecificCause(failure) instanceof ImmediateRequeueAmqpException)) {
                failures.handleError(failure);
            }
        };
    }
}
