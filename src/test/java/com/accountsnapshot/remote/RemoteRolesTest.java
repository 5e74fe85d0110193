package com.accountsnapshot.remote;

import java.time.Duration;

import com.accountsnapshot.job.ManagerStepFactory;
import com.accountsnapshot.run.LeaseComponents;
import com.accountsnapshot.run.RunsProperties;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which parts of remote partitioning a process has, by its role: none without one (a plain {@code run}, {@code
 * serve}), the queue and the flow to the broker for a manager, the queue, the listener's flow and the worker for
 * a worker. Nothing here connects to a broker: the connection is opened when first used.
 */
class RemoteRolesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
            .withUserConfiguration(RemotePartitioningConfiguration.class, RemoteManagerConfiguration.class,
                    RemoteWorkerConfiguration.class)
            .withBean(JobRepository.class, ResourcelessJobRepository::new)
            // a worker's partition leases; nothing here reaches the database
            .withUserConfiguration(LeaseComponents.CLASSES)
            .withBean(JdbcTemplate.class,
                    () -> new JdbcTemplate(new DriverManagerDataSource("jdbc:postgresql://unused/none")))
            .withBean(RunsProperties.class, () -> new RunsProperties(Duration.ofSeconds(10), Duration.ofSeconds(60),
                    true, true, 3, Duration.ofSeconds(30)))
            // reads durations such as the shutdown timeout, as the application does
            .withInitializer(context -> context.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()));

    @Test
    void aProcessWithoutARoleHasNoQueueFlowOrListener() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(Queue.class)).isEmpty();
            assertThat(context.getBeansOfType(IntegrationFlow.class)).isEmpty();
            assertThat(context).doesNotHaveBean(ManagerStepFactory.class).doesNotHaveBean(PartitionWorker.class)
                    .doesNotHaveBean(RemoteWorkerConfiguration.WORKER_LISTENER);
        });
    }

    @Test
    void aManagerHasTheQueueAndTheFlowToTheBrokerButNoListener() {
        runner.withPropertyValues("account-snapshot.remote.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(Queue.class).values()).extracting(Queue::getName)
                    .containsExactly("account-snapshot.partitions");
            assertThat(context.getBeansOfType(IntegrationFlow.class).keySet())
                    .containsExactly("partitionRequestsToBroker");
            assertThat(context).hasSingleBean(ManagerStepFactory.class).doesNotHaveBean(PartitionWorker.class)
                    .doesNotHaveBean(RemoteWorkerConfiguration.WORKER_LISTENER);
        });
    }

    @Test
    void aWorkerHasTheQueueTheListenerAndTheWorkerButNoManagerStep() {
        runner.withPropertyValues("account-snapshot.remote.worker=true", "account-snapshot.remote.queue=q1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(Queue.class).values()).extracting(Queue::getName)
                            .containsExactly("q1");
                    assertThat(context.getBeansOfType(IntegrationFlow.class).keySet())
                            .containsExactly("partitionRequestsFromBroker");
                    assertThat(context).hasSingleBean(PartitionWorker.class)
                            .hasBean(RemoteWorkerConfiguration.WORKER_LISTENER)
                            .doesNotHaveBean(ManagerStepFactory.class);
                });
    }
}
