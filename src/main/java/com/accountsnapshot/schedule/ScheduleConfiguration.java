package com.accountsnapshot.schedule;

import java.util.Date;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The schedule's job and trigger, registered in the clustered Quartz JDBC job store by Boot's Quartz
 * auto-configuration at start-up; with {@code spring.quartz.overwrite-existing-jobs=true} the configured
 * trigger replaces the stored one, so a changed cron or time zone takes effect.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

    static final JobKey JOB_KEY = JobKey.jobKey("scheduledSnapshotJob", ScheduleProperties.GROUP);

    @Bean
    JobDetail scheduledSnapshotJobDetail() {
        return JobBuilder.newJob(ScheduledSnapshotJob.class)
                .withIdentity(JOB_KEY)
                .withDescription("Full-portfolio scheduled account snapshot")
                .storeDurably()
                // a fire lost with a crashed instance is not re-run: its run is recovered and restarted by id
                .requestRecovery(false)
                .build();
    }

    /**
     * The configured trigger. Registering it replaces the stored one, which would move a fire missed while
     * no scheduler ran to the next cron time; so when the stored trigger has the same cron and time zone, the
     * new one starts at the stored next fire time, past or not, and a missed fire is made up once when a
     * scheduler starts.
     */
    /**
     * Whether an operator paused the configured trigger: read before the trigger is registered again, which
     * would make it fire, so that {@link SnapshotSchedule} pauses it again and a pause outlives a restart.
     */
    @Bean
    @ConditionalOnBooleanProperty(name = "account-snapshot.schedule.enabled", matchIfMissing = true)
    @DependsOnDatabaseInitialization
    PausedTrigger pausedSnapshotScheduleTrigger(ScheduleProperties schedule, JdbcTemplate jdbc,
            QuartzProperties quartz) {
        return new PausedTrigger(new StoredTriggers(jdbc, schedulerName(quartz)).isPaused(schedule.triggerKey()));
    }

    /** Whether the configured trigger was paused in the job store when this instance started. */
    record PausedTrigger(boolean paused) {
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "account-snapshot.schedule.enabled", matchIfMissing = true)
    @DependsOnDatabaseInitialization
    CronTrigger snapshotScheduleTrigger(JobDetail scheduledSnapshotJobDetail, ScheduleProperties schedule,
            JdbcTemplate jdbc, QuartzProperties quartz, PausedTrigger pausedSnapshotScheduleTrigger) {
        Date start = new StoredTriggers(jdbc, schedulerName(quartz))
                .pendingFireTime(schedule.triggerKey(), schedule.cron(), schedule.timeZone())
                .map(Date::from)
                .orElseGet(Date::new);
        return TriggerBuilder.newTrigger()
                .forJob(scheduledSnapshotJobDetail)
                .withIdentity(schedule.triggerKey())
                .withDescription("Scheduled account snapshots")
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .startAt(start)
                .build();
    }

    /** The scheduler's name as Spring's SchedulerFactoryBean settles it: the job store's sched_name. */
    static String schedulerName(QuartzProperties quartz) {
        if (quartz.getSchedulerName() != null) {
            return quartz.getSchedulerName();
        }
        return quartz.getProperties().getOrDefault(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "quartzScheduler");
    }
}
