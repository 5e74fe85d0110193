package com.accountsnapshot.run;

import java.time.ZoneOffset;
import java.util.List;
import java.util.TimeZone;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Daily retention in {@code serve}, only with {@code account-snapshot.retention.enabled=true}: applied on
 * {@code account-snapshot.retention.cron} (UTC), audited as the principal {@value #PRINCIPAL}. Several
 * {@code serve} processes may all fire: their transactions take turns on retention's advisory lock, and the
 * later ones find nothing left to remove.
 */
@Component
public class RetentionSchedule implements DisposableBean {

    static final String PRINCIPAL = "schedule:retention";

    private static final Logger log = LoggerFactory.getLogger(RetentionSchedule.class);

    private final SnapshotRetention retention;

    private final RetentionProperties properties;

    private @Nullable ThreadPoolTaskScheduler scheduler;

    RetentionSchedule(SnapshotRetention retention, RetentionProperties properties) {
        this.retention = retention;
        this.properties = properties;
    }

    /** Starts the daily retention when it is enabled; returns whether it did. */
    public synchronized boolean start() {
        if (!properties.enabled()) {
            log.info("Retention is not scheduled (account-snapshot.retention.enabled=false)");
            return false;
        }
        if (scheduler == null) {
            ThreadPoolTaskScheduler daily = new ThreadPoolTaskScheduler();
            daily.setThreadNamePrefix("retention-");
            // a retention going when the process stops ends its partition's transaction first
            daily.setWaitForTasksToCompleteOnShutdown(true);
            daily.setAwaitTerminationSeconds(60);
            daily.initialize();
            daily.schedule(this::applyOnce, new CronTrigger(properties.cron(), TimeZone.getTimeZone(ZoneOffset.UTC)));
            scheduler = daily;
            log.info("Retention scheduled: '{}' (UTC), keep-all {}, keep-monthly {}, max-age {}", properties.cron(),
                    properties.keepAll(), properties.keepMonthly(),
                    properties.maxAge() == null ? "none" : properties.maxAge());
        }
        return true;
    }

    void applyOnce() {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null, List.of()));
        try {
            RetentionPlan plan = retention.apply();
            log.info("Scheduled retention: {} rows in {} partitions, {} kept", plan.rowsNow(), plan.partitions().size(),
                    plan.rowsKept());
        }
        catch (RuntimeException ex) {
            log.warn("Scheduled retention stopped: {}; the next fire tries again", ex.getMessage());
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Override
    public synchronized void destroy() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }
}
