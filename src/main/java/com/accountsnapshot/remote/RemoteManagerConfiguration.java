package com.accountsnapshot.remote;

import com.accountsnapshot.job.ManagerStepFactory;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;

/**
 * The manager's side ({@code account-snapshot.remote.enabled=true}): a run splits its scope into account_id ranges
 * and sends one request per partition to the queue; it follows the partitions by polling the job repository, and
 * fails the run when they have not all ended within the timeout.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(RemotePartitioningProperties.MANAGER_PROPERTY)
class RemoteManagerConfiguration {

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

    /** The job's first step, in place of local partitions (see {@code AccountSnapshotJobConfiguration}). */
    @Bean
    ManagerStepFactory remoteManagerStep(JobRepository jobRepository, DirectChannel partitionRequests,
            RemotePartitioningProperties properties, BeanFactory beanFactory) {
        return (name, workerStepName, partitioner, gridSize) -> new RemotePartitioningManagerStepBuilder(name,
                jobRepository)
                .partitioner(workerStepName, partitioner)
                .gridSize(gridSize)
                .outputChannel(partitionRequests)
                .pollInterval(properties.pollInterval().toMillis())
                .timeout(properties.timeout().toMillis())
                .beanFactory(beanFactory)
                .build();
    }
}
