package com.accountsnapshot.remote;

import org.springframework.amqp.core.Queue;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.config.EnableIntegration;

/**
 * Spring Batch remote partitioning over RabbitMQ, in a process that takes part in it: a manager
 * ({@link RemoteManagerConfiguration}), a worker ({@link RemoteWorkerConfiguration}) or both. Each declares the
 * durable queue the partition requests go through, so that requests sent before any worker is listening wait in
 * it. A process that takes no part (a plain {@code run}, {@code serve}) has no queue, flow or listener.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RemotePartitioningConfiguration.ManagerOrWorker.class)
@EnableIntegration
@EnableConfigurationProperties(RemotePartitioningProperties.class)
class RemotePartitioningConfiguration {

    @Bean
    Queue partitionQueue(RemotePartitioningProperties properties) {
        return new Queue(properties.queue(), true);
    }

    static final class ManagerOrWorker extends AnyNestedCondition {

        ManagerOrWorker() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(RemotePartitioningProperties.MANAGER_PROPERTY)
        static final class Manager {
        }

        @ConditionalOnProperty(RemotePartitioningProperties.WORKER_PROPERTY)
        static final class Worker {
        }
    }
}
