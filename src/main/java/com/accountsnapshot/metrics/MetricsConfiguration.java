package com.accountsnapshot.metrics;

import java.time.Clock;

import com.accountsnapshot.metrics.internal.JdbcSnapshotFreshnessQuery;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The product's own meters, next to those of Spring Batch, the JVM, the connection pool and HTTP. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsConfiguration {

    @Bean
    SnapshotMeters snapshotMeters(MeterRegistry registry) {
        return new SnapshotMeters(registry);
    }

    /** Joins every chunk step as one of its write listeners. */
    @Bean
    SnapshotWriteMeter snapshotWriteMeter(SnapshotMeters meters) {
        return new SnapshotWriteMeter(meters);
    }

    /** Bound to the meter registry by Spring Boot, as a {@link io.micrometer.core.instrument.binder.MeterBinder}. */
    @Bean
    SnapshotFreshness snapshotFreshness(JdbcTemplate jdbcTemplate, MetricsProperties properties) {
        return new SnapshotFreshness(new JdbcSnapshotFreshnessQuery(new NamedParameterJdbcTemplate(jdbcTemplate)),
                properties.freshnessAge(), properties.freshnessRefresh(), Clock.systemUTC());
    }
}
