package com.accountsnapshot.remote;

import java.time.Duration;

import com.accountsnapshot.job.AccountSnapshotJobConfiguration;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.util.ErrorHandler;

/**
 * Spring Batch remote partitioning over RabbitMQ. The manager (a {@code run} with
 * {@code account-snapshot.remote.enabled=true}) splits the scope into account_id ranges and sends one request
 * per partition to a durable queue; it follows the partitions by polling the job repository, and fails the
 * run when they have not all ended within the timeout. Workers ({@code worker}) take requests from the queue,
 * one unacknowledged message per partition they run, and execute the same chunk step as a local partition,
 * sharing the job repository in PostgreSQL. A worker that dies leaves its message unacknowledged: the broker
 * hands it to another worker, which resumes the partition after its last committed chunk. A worker that is
 * stopped hands its partitions over the same way, after their current chunk ({@link PartitionWorker}).
 */
@Configuration(proxyBeanMethods = false)
@EnableIntegration
@EnableConfigurationProperties(RemotePartitioningProperties.class)
public class RemotePartitioningConfiguration {

    /** The id of the worker's listener, started by the {@code worker} command only. */
    static final String WORKER_LISTENER = "partitionRequestListener";

    @Bean
    Queue partitionQueue(RemotePartitioningProperties properties) {
        return new Queue(properties.queue(), true);
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow partitionRequestsToBroker(DirectChannel partitionRequests, RabbitTemplate rabbitTemplate,
            RemotePartitioningProperties properties) {
        return IntegrationFlow.from(partitionRequests)
                .transform(StepExecutionRequest.class, PartitionRequests::toJson)
                .handle(Amqp.outboundAdapter(rabbitTemplate).routingKey(properties.queue()))
                .get();
    }

    @Bean
    @ConditionalOnProperty("account-snapshot.remote.enabled")
    Step accountSnapshotRemoteStep(JobRepository jobRepository, DirectChannel partitionRequests,
            Partitioner accountRangePartitioner, RemotePartitioningProperties properties,
            com.accountsnapshot.job.SnapshotJobProperties jobProperties, BeanFactory beanFactory) {
        return new RemotePartitioningManagerStepBuilder(AccountSnapshotJobConfiguration.REMOTE_STEP_NAME,
                jobRepository)
                .partitioner(AccountSnapshotJobConfiguration.WORKER_STEP_NAME, accountRangePartitioner)
                .gridSize(jobProperties.threads())
                .outputChannel(partitionRequests)
                .pollInterval(properties.pollInterval().toMillis())
                .timeout(properties.timeout().toMillis())
                .beanFactory(beanFactory)
                .build();
    }

    /** Contributed to the worker step's listeners (see {@code AccountSnapshotJobConfiguration}). */
    @Bean
    @Qualifier(AccountSnapshotJobConfiguration.WORKER_STEP_NAME)
    PartitionHandOver partitionHandOver() {
        return new PartitionHandOver();
    }

    @Bean
    PartitionWorker partitionWorker(BeanFactory beanFactory, PartitionHandOver partitionHandOver,
            @Value("${account-snapshot.shutdown-timeout:5m}") Duration shutdownTimeout) {
        return new PartitionWorker(beanFactory, partitionHandOver, shutdownTimeout);
    }

    /**
     * The worker's side: requests are acknowledged when their partition has ended here, rejected without
     * requeue when they fail, and requeued when the worker stops ({@link PartitionRequestHandler}). Stopping
     * waits for the running partitions as long as the shutdown timeout: the container would interrupt its
     * consumer threads after its default of 5 s.
     */
    @Bean
    IntegrationFlow partitionRequestsFromBroker(ConnectionFactory connectionFactory, JobRepository jobRepository,
            RemotePartitioningProperties properties, BeanFactory beanFactory, PartitionHandOver partitionHandOver,
            @Value("${account-snapshot.shutdown-timeout:5m}") Duration shutdownTimeout) {
        BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
        steps.setBeanFactory(beanFactory);
        PartitionRequestHandler handler = new PartitionRequestHandler(jobRepository, steps, partitionHandOver);
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
