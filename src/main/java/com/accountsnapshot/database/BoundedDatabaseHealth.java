package com.accountsnapshot.database;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;

/**
 * The database's part of {@code /actuator/health}, answered within a bound: Spring Boot's check of the data source,
 * run on a thread of its own and reported DOWN when it has not answered within the timeout. While the database
 * server is unreachable, taking a connection from the pool waits for the pool's connection timeout (30 s), and
 * the health endpoint would wait with it. One check at a time: while one is still waiting, later calls report
 * DOWN at once instead of starting another.
 */
final class BoundedDatabaseHealth implements HealthIndicator {

    private final DataSourceHealthIndicator check;

    private final Duration timeout;

    private final Executor executor;

    private @Nullable CompletableFuture<Health> pending;

    BoundedDatabaseHealth(DataSource dataSource, Duration timeout) {
        this.check = new DataSourceHealthIndicator(dataSource);
        this.timeout = timeout;
        this.executor = task -> {
            Thread thread = new Thread(task, "database-health");
            thread.setDaemon(true);
            thread.start();
        };
    }

    @Override
    public Health health() {
        CompletableFuture<Health> current = current();
        try {
            return current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            return Health.down().withDetail("error", "the database did not answer within " + timeout).build();
        }
        catch (ExecutionException ex) {
            return Health.down(ex.getCause()).build();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        }
    }

    private synchronized CompletableFuture<Health> current() {
        if (pending == null || pending.isDone()) {
            pending = CompletableFuture.supplyAsync(check::health, executor);
        }
        return pending;
    }
}
