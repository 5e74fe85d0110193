package com.accountsnapshot.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The trigger in the job store is the configured one: cron, time zone and name from
 * {@code account-snapshot.schedule.*}, replacing whatever an earlier configuration stored.
 */
class ScheduleConfigurationTest extends ScheduleTestSupport {

    @Test
    void defaultScheduleIsDailyAtTwoUtcAndWaitsForServeToStartIt() throws Exception {
        ScheduleInstance instance = start("node-a");

        CronTrigger trigger = cronTrigger(instance, "daily-portfolio-snapshot");
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 2 * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("UTC");
        assertThat(trigger.getMisfireInstruction()).isEqualTo(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW);
        assertThat(trigger.getJobKey()).isEqualTo(ScheduleConfiguration.JOB_KEY);
        assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(nextDaily(LocalTime.of(2, 0), ZoneId.of("UTC")));
        JobDetail job = instance.scheduler().getJobDetail(ScheduleConfiguration.JOB_KEY);
        assertThat(job.getJobClass()).isEqualTo(ScheduledSnapshotJob.class);
        assertThat(job.isDurable()).isTrue();
        assertThat(job.requestsRecovery()).isFalse();
        assertThat(job.isConcurrentExecutionDisallowed()).isTrue();
        assertThat(instance.scheduler().getMetaData().isJobStoreClustered()).isTrue();
        assertThat(instance.scheduler().getSchedulerInstanceId()).isEqualTo("node-a");
        assertThat(instance.schedule().isStarted()).isFalse();
        assertThat(instance.schedule().nextFireTime()).contains(trigger.getNextFireTime().toInstant());
    }

    @Test
    void cronTimeZoneAndTriggerNameComeFromConfiguration() throws Exception {
        ScheduleInstance instance = start("node-a", "--account-snapshot.schedule.cron=0 30 3 * * ?",
                "--account-snapshot.schedule.time-zone=Europe/Berlin",
                "--account-snapshot.schedule.trigger-name=nightly-berlin");

        CronTrigger trigger = cronTrigger(instance, "nightly-berlin");
        assertThat(trigger.getCronExpression()).isEqualTo("0 30 3 * * ?");
        assertThat(trigger.getTimeZone().getID()).isEqualTo("Europe/Berlin");
        Instant next = nextDaily(LocalTime.of(3, 30), ZoneId.of("Europe/Berlin"));
        assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(next);
        assertThat(instance.schedule().nextFireTime()).contains(next);
    }

    @Test
    void storedTriggerWithAnotherCronIsReplacedByTheConfiguredOne() throws Exception {
        start("node-a", "--account-snapshot.schedule.cron=0 0 1 * * ?");
        closeInstances();

        ScheduleInstance instance = start("node-b", "--account-snapshot.schedule.cron=0 15 4 * * ?");

        CronTrigger trigger = cronTrigger(instance, "daily-portfolio-snapshot");
        assertThat(trigger.getCronExpression()).isEqualTo("0 15 4 * * ?");
        assertThat(trigger.getNextFireTime().toInstant()).isEqualTo(nextDaily(LocalTime.of(4, 15), ZoneId.of("UTC")));
        assertThat(jdbc.queryForList("""
                SELECT trigger_name, cron_expression FROM qrtz_cron_triggers WHERE sched_name = 'account-snapshot'""")
                ).extracting(row -> row.get("trigger_name"), row -> row.get("cron_expression"))
                .containsExactly(tuple("daily-portfolio-snapshot", "0 15 4 * * ?"));
    }

    @Test
    void renamedTriggerReplacesTheOldOne() throws Exception {
        start("node-a", "--account-snapshot.schedule.trigger-name=nightly");
        closeInstances();

        ScheduleInstance instance = start("node-b", "--account-snapshot.schedule.trigger-name=nightly-v2");

        assertThat(instance.scheduler().getTriggersOfJob(ScheduleConfiguration.JOB_KEY))
                .extracting(Trigger::getKey).containsExactly(TriggerKey.triggerKey("nightly-v2", "account-snapshot"));
    }

    @Test
    void disabledScheduleTakesTheTriggerOutAndDoesNotStart() throws Exception {
        start("node-a");
        closeInstances();

        ScheduleInstance instance = start("node-b", "--account-snapshot.schedule.enabled=false");
        instance.schedule().start();

        assertThat(instance.scheduler().getTriggersOfJob(ScheduleConfiguration.JOB_KEY)).isEmpty();
        assertThat(instance.schedule().isStarted()).isFalse();
        assertThat(instance.schedule().nextFireTime()).isEmpty();
    }

    @Test
    void invalidCronIsRefusedAtStartUp() {
        assertThatThrownBy(() -> start("node-a", "--account-snapshot.schedule.cron=0 0 25 * * ?"))
                .rootCause().hasMessage("account-snapshot.schedule.cron '0 0 25 * * ?' is not a Quartz cron "
                        + "expression such as '0 0 2 * * ?' (seconds minutes hours day month weekday)");
    }

    private static CronTrigger cronTrigger(ScheduleInstance instance, String name) throws Exception {
        Trigger trigger = instance.scheduler().getTrigger(TriggerKey.triggerKey(name, "account-snapshot"));
        assertThat(trigger).isInstanceOf(CronTrigger.class);
        return (CronTrigger) trigger;
    }

    /** The first time of day {@code time} in {@code zone} after now. */
    private static Instant nextDaily(LocalTime time, ZoneId zone) {
        ZonedDateTime now = ZonedDateTime.now(zone);
        ZonedDateTime today = now.toLocalDate().atTime(time).atZone(zone);
        return (today.isAfter(now) ? today : now.toLocalDate().plusDays(1).atTime(time).atZone(zone)).toInstant();
    }
}
