package com.accountsnapshot.events;

import java.time.Clock;

import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.events.internal.JdbcEventQueries;
import com.accountsnapshot.events.internal.JdbcEventStore;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.run.SnapshotRuns;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The pieces of event-driven snapshots; {@link EventProcessing} sets them going in {@code serve}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventsProperties.class)
class EventsConfiguration {

    /** Events are received, cut and served in UTC instants. */
    private static final Clock CLOCK = Clock.systemUTC();

    @Bean
    JdbcEventStore eventStore(JdbcTemplate jdbcTemplate) {
        return new JdbcEventStore(jdbcTemplate);
    }

    @Bean
    JdbcEventBatches eventBatches(JdbcTemplate jdbcTemplate) {
        return new JdbcEventBatches(jdbcTemplate);
    }

    @Bean
    JdbcEventQueries eventQueries(JdbcTemplate jdbcTemplate) {
        return new JdbcEventQueries(jdbcTemplate);
    }

    @Bean
    EventOverviews eventOverviews(JdbcEventQueries eventQueries, JdbcEventBatches eventBatches) {
        return new EventOverviews(eventQueries, eventBatches);
    }

    @Bean
    EventMetrics eventMetrics(MeterRegistry meterRegistry) {
        return new EventMetrics(meterRegistry);
    }

    @Bean
    EventIntake eventIntake(JdbcEventStore eventStore, EventsProperties properties, EventMetrics eventMetrics) {
        return new EventIntake(eventStore, properties, eventMetrics, CLOCK);
    }

    @Bean
    EventCutter eventCutter(JdbcEventBatches eventBatches, JdbcEventStore eventStore, EventsProperties properties,
            EventMetrics eventMetrics, PlatformTransactionManager transactionManager) {
        return new EventCutter(eventBatches, eventStore, properties, eventMetrics,
                new TransactionTemplate(transactionManager));
    }

    @Bean
    EventRunner eventRunner(JdbcEventBatches eventBatches, SnapshotRuns snapshotRuns, EventMetrics eventMetrics) {
        return new EventRunner(eventBatches, snapshotRuns, eventMetrics, CLOCK);
    }

    @Bean
    EventQueue eventQueue(ConnectionFactory connectionFactory, EventIntake eventIntake, EventsProperties properties,
            Environment environment) {
        return new EventQueue(connectionFactory, eventIntake, properties, environment);
    }

    @Bean
    DeadLetters deadLetters(EventQueue eventQueue, OperatorAudit operatorAudit) {
        return new DeadLetters(eventQueue, operatorAudit);
    }

    @Bean
    EventProcessing eventProcessing(EventCutter eventCutter, EventRunner eventRunner, EventsProperties properties,
            EventQueue eventQueue) {
        return new EventProcessing(eventCutter, eventRunner, properties, eventQueue, CLOCK);
    }
}
