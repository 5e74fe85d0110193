package com.accountsnapshot.schedule;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.SchedulingException;
import org.springframework.stereotype.Component;

/**
 * The schedule of this process: the {@code serve} command starts it and puts it in standby, the HTTP API
 * shows its next fire. The scheduler belongs to a cluster over the shared job store, so each fire runs on
 * exactly one started instance.
 *
 * <p>At start-up the job store is made to hold exactly the configured trigger for the snapshot job in its
 * group: a trigger left by an earlier trigger name, or by any name when the schedule is disabled, is removed; and
 * the configured trigger stays paused when an operator had paused it ({@link ScheduleTriggers}).
 */
@Component
public class SnapshotSchedule implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SnapshotSchedule.class);

    private final Scheduler scheduler;

    private final ScheduleProperties properties;

    private final boolean pausedBeforeStart;

    SnapshotSchedule(Scheduler scheduler, ScheduleProperties properties,
            ObjectProvider<ScheduleConfiguration.PausedTrigger> pausedTrigger) {
        this.scheduler = scheduler;
        this.properties = properties;
        ScheduleConfiguration.PausedTrigger paused = pausedTrigger.getIfAvailable();
        this.pausedBeforeStart = paused != null && paused.paused();
    }

    @Override
    public void afterPropertiesSet() throws SchedulerException {
        for (Trigger trigger : scheduler.getTriggersOfJob(ScheduleConfiguration.JOB_KEY)) {
            boolean configured = properties.enabled() && trigger.getKey().equals(properties.triggerKey());
            if (!configured && ScheduleProperties.GROUP.equals(trigger.getKey().getGroup())) {
                scheduler.unscheduleJob(trigger.getKey());
                log.info("Removed trigger {} of the snapshot schedule: {}", trigger.getKey(), properties.enabled()
                        ? "the configured trigger name is " + properties.triggerName() : "the schedule is disabled");
            }
        }
        // registering the configured trigger again resumed it: an operator's pause holds until a resume
        if (pausedBeforeStart && scheduler.getTrigger(properties.triggerKey()) != null) {
            scheduler.pauseTrigger(properties.triggerKey());
            log.info("Trigger {} of the snapshot schedule stays paused", properties.triggerKey());
        }
    }

    /** Starts firing (or resumes from standby); does nothing when the schedule is disabled. */
    public void start() {
        if (!properties.enabled()) {
            log.info("The snapshot schedule is disabled (account-snapshot.schedule.enabled=false)");
            return;
        }
        try {
            scheduler.start();
        }
        catch (SchedulerException ex) {
            throw new SchedulingException("Could not start the snapshot schedule", ex);
        }
        log.info("Snapshot schedule started: '{}' in {}, next fire at {}", properties.cron(), properties.timeZone(),
                nextFireTime().map(Instant::toString).orElse("-"));
    }

    /** Whether this process fires scheduled runs now. */
    public boolean isStarted() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode();
        }
        catch (SchedulerException ex) {
            throw new SchedulingException("Could not read the snapshot schedule's state", ex);
        }
    }

    /** When the configured trigger fires next, as the shared job store says; empty when there is none. */
    public Optional<Instant> nextFireTime() {
        try {
            Trigger trigger = scheduler.getTrigger(properties.triggerKey());
            return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
        }
        catch (SchedulerException ex) {
            throw new SchedulingException("Could not read the snapshot schedule's trigger", ex);
        }
    }
}
