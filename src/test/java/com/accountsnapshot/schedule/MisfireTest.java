package com.accountsnapshot.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;
import org.junit.jupiter.api.Test;
import org.quartz.Trigger;
import org.quartz.TriggerKey;

import org.springframework.test.context.TestPropertySource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A fire of the configured trigger that passed while no scheduler ran is made up once, now, when a scheduler
 * starts (misfire: fire once now), as of the slot it missed; then the schedule goes on as configured.
 */
// the test plays the next day's fire at once, as of a day ahead of the clock
@TestPropertySource(properties = "account-snapshot.job.max-clock-skew=2d")
class MisfireTest extends ScheduleTestSupport {

    private static final TriggerKey DAILY = TriggerKey.triggerKey("daily-portfolio-snapshot", "account-snapshot");

    @Test
    void fireMissedWhileNoSchedulerRanFiresOnceWhenOneStarts() throws Exception {
        // daily at an hour that began one to two hours ago
        Instant missed = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        String dailyCron = "--account-snapshot.schedule.cron=0 0 " + missed.atZone(ZoneOffset.UTC).getHour()
                + " * * ?";
        ScheduleInstance down = start("node-a", dailyCron);
        // as if this instance had registered the trigger yesterday, and no scheduler had run since
        Trigger registered = down.scheduler().getTrigger(DAILY);
        down.scheduler().rescheduleJob(DAILY, registered.getTriggerBuilder()
                .startAt(Date.from(missed.minus(1, ChronoUnit.HOURS))).build());
        assertThat(down.schedule().nextFireTime()).contains(missed);
        closeInstances();

        ScheduleInstance up = start("node-b", dailyCron);
        assertThat(up.schedule().nextFireTime()).as("the missed fire survives the start-up's trigger registration")
                .contains(missed);
        Instant started = Instant.now();
        up.schedule().start();
        await().atMost(Duration.ofSeconds(60)).until(() -> up.fires().size() == 1);

        // made up now, as of the slot it missed
        assertThat(up.fires().get(0).scheduledFireTime().toInstant()).isBetween(started, Instant.now());
        assertThat(up.fires()).extracting(ScheduleInstance.Fire::trigger, ScheduleInstance.Fire::failure)
                .containsExactly(tuple("daily-portfolio-snapshot", null));
        assertThat(up.schedule().nextFireTime()).contains(missed.plus(1, ChronoUnit.DAYS));
        assertThat(executions()).extracting(execution -> execution.getJobParameters().getString(SnapshotRequest.AS_OF),
                execution -> execution.getJobParameters().getString(SnapshotRequest.TRIGGER_EVENT),
                JobExecution::getStatus).containsExactly(
                        tuple(missed.toString(), "daily-portfolio-snapshot", BatchStatus.COMPLETED));
        assertThat(snapshots()).extracting(SnapshotRow::accountId, SnapshotRow::type, SnapshotRow::timestamp)
                .containsExactly(tuple(1L, "scheduled", missed), tuple(2L, "scheduled", missed),
                        tuple(3L, "scheduled", missed));

        // so the next day's fire is a full day later: the scheduled cooldown (24 h) holds none of it back
        JobExecution nextDay = runs.run(Map.of(SnapshotRequest.AS_OF, missed.plus(1, ChronoUnit.DAYS).toString(),
                SnapshotRequest.SNAPSHOT_TYPE, "scheduled"));
        assertThat(nextDay.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(nextDay.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(3);
        assertThat(nextDay.getStepExecutions().iterator().next().getFilterCount()).isZero();
    }
}
