package com.accountsnapshot.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;

import com.accountsnapshot.job.SnapshotRequest;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Two started instances over one database form one Quartz cluster: every fire of a trigger runs on exactly
 * one of them, so each fire time gets one run and each account one snapshot; while one is in standby the
 * other fires.
 */
class ClusteredScheduleTest extends ScheduleTestSupport {

    private static final String POLL_EVERY_SECOND = "--spring.quartz.properties.org.quartz.scheduler.idleWaitTime=1000";

    private static final TriggerKey EVERY_TWO_SECONDS = TriggerKey.triggerKey("every-two-seconds", "test");

    @Test
    void twoStartedInstancesFireEachFireOnce() throws Exception {
        ScheduleInstance a = start("node-a", QUIET_CRON);
        ScheduleInstance b = start("node-b", QUIET_CRON);
        a.schedule().start();
        b.schedule().start();
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        first = first.plusSeconds(first.getEpochSecond() % 2);
        List<Instant> fireTimes = List.of(first, first.plusSeconds(2), first.plusSeconds(4));

        a.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity(EVERY_TWO_SECONDS)
                .withSchedule(CronScheduleBuilder.cronSchedule("0/2 * * * * ?").inTimeZone(TimeZone.getTimeZone("UTC")))
                .startAt(Date.from(first)).endAt(Date.from(first.plusSeconds(5))).build());
        // done: the trigger has fired its last (Quartz deletes it then) and no fire is going anywhere
        await().atMost(Duration.ofSeconds(90)).until(() -> a.scheduler().getTrigger(EVERY_TWO_SECONDS) == null
                && firedTriggers() == 0 && fires(a, b).size() >= fireTimes.size());

        assertThat(checkedInInstances()).containsExactly("node-a", "node-b");
        assertThat(fires(a, b)).extracting(fire -> fire.scheduledFireTime().toInstant(), ScheduleInstance.Fire::failure)
                .containsExactly(tuple(fireTimes.get(0), null), tuple(fireTimes.get(1), null),
                        tuple(fireTimes.get(2), null));
        List<JobExecution> executions = executions();
        assertThat(executions).extracting(execution -> execution.getJobParameters().getString(SnapshotRequest.AS_OF),
                        execution -> execution.getJobParameters().getString(SnapshotRequest.TRIGGER_EVENT),
                        JobExecution::getStatus)
                .containsExactly(tuple(fireTimes.get(0).toString(), "every-two-seconds", BatchStatus.COMPLETED),
                        tuple(fireTimes.get(1).toString(), "every-two-seconds", BatchStatus.COMPLETED),
                        tuple(fireTimes.get(2).toString(), "every-two-seconds", BatchStatus.COMPLETED));
        // the first fire snapshots every account; the next two find them within the scheduled cooldown
        assertThat(executions).extracting(ClusteredScheduleTest::step)
                .extracting(StepExecution::getReadCount, StepExecution::getWriteCount, StepExecution::getFilterCount)
                .containsExactly(tuple(3L, 3L, 0L), tuple(3L, 0L, 3L), tuple(3L, 0L, 3L));
        assertThat(snapshots()).extracting(SnapshotRow::accountId, SnapshotRow::timestamp,
                SnapshotRow::executionId).containsExactly(tuple(1L, first, executions.get(0).getId()),
                        tuple(2L, first, executions.get(0).getId()), tuple(3L, first, executions.get(0).getId()));
    }

    @Test
    void whileTheInstanceThatFiredIsInStandbyTheOtherFires() throws Exception {
        // instances learn of triggers written by another instance when they poll the store: poll every second
        ScheduleInstance a = start("node-a", QUIET_CRON, POLL_EVERY_SECOND);
        ScheduleInstance b = start("node-b", QUIET_CRON, POLL_EVERY_SECOND);
        a.schedule().start();
        b.schedule().start();
        a.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("first", "test").startNow().build());
        await().atMost(Duration.ofSeconds(60)).until(() -> fires(a, b).size() == 1);
        ScheduleInstance fired = fires(a, b).get(0).instanceId().equals("node-a") ? a : b;
        ScheduleInstance other = fired == a ? b : a;

        // this process stops firing (a run already going would go on); other instances of the cluster still fire
        fired.scheduler().standby();
        fired.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("second", "test").startNow().build());
        await().atMost(Duration.ofSeconds(60)).until(() -> fires(a, b).size() == 2);

        assertThat(fired.schedule().isStarted()).isFalse();
        assertThat(other.schedule().isStarted()).isTrue();
        assertThat(fired.fires()).extracting(ScheduleInstance.Fire::trigger).containsExactly("first");
        assertThat(other.fires()).extracting(ScheduleInstance.Fire::trigger).containsExactly("second");
        assertThat(executions()).extracting(execution -> execution.getJobParameters().getString(
                SnapshotRequest.TRIGGER_EVENT), JobExecution::getStatus).containsExactly(
                        tuple("first", BatchStatus.COMPLETED), tuple("second", BatchStatus.COMPLETED));
    }

    private static List<ScheduleInstance.Fire> fires(ScheduleInstance a, ScheduleInstance b) {
        return Stream.concat(a.fires().stream(), b.fires().stream())
                .sorted(Comparator.comparing(ScheduleInstance.Fire::scheduledFireTime)).toList();
    }

    private static StepExecution step(JobExecution execution) {
        return execution.getStepExecutions().iterator().next();
    }

    private int firedTriggers() {
        return jdbc.queryForObject("SELECT count(*) FROM qrtz_fired_triggers WHERE sched_name = 'account-snapshot'",
                Integer.class);
    }

    private List<String> checkedInInstances() {
        return jdbc.queryForList("""
                SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'account-snapshot'
                ORDER BY instance_name""", String.class);
    }
}
