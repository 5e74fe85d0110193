package com.accountsnapshot.schedule;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.TriggerBuilder;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The schedule's job and trigger, registered in the clustered Quartz JDBC job store by Boot's Quartz
 * auto-configuration at start-up; with {@code spring.quartz.overwrite-existing-jobs=true} the configured
 * trigger replaces the stored one.
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

    @Bean
    @ConditionalOnBooleanProperty(name = "account-snapshot.schedule.enabled", matchIfMissing = true)
    CronTrigger snapshotScheduleTrigger(JobDetail scheduledSnapshotJobDetail, ScheduleProperties schedule) {
        return TriggerBuilder.newTrigger()
                .forJob(scheduledSnapshotJobDetail)
                .withIdentity(schedule.triggerKey())
                .withDescription("Scheduled account snapshots")
                .withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                        .inTimeZone(TimeZone.getTimeZone(schedule.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
