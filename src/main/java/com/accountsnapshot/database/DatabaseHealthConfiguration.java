package com.accountsnapshot.database;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code db} component of the health endpoint, in place of Spring Boot's (which it backs off for a bean of
 * this name): the same check, reported DOWN once it has not answered within
 * {@code account-snapshot.health.database-timeout}, so that health answers while the database server is down.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

    @Bean
    HealthIndicator dbHealthIndicator(DataSource dataSource,
            @Value("${account-snapshot.health.database-timeout:5s}") Duration timeout) {
        return new BoundedDatabaseHealth(dataSource, timeout);
    }
}
