package com.accountsnapshot.schedule;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.TriggerBuilder;
import org.quartz.impl.JobExecutionContextImpl;
import org.quartz.spi.OperableTrigger;
import org.quartz.spi.TriggerFiredBundle;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fire whose slot lies later than now plus the allowed clock skew (a scheduler node whose clock runs a day
 * ahead) is refused before any job execution exists: a warning naming the limit, no run, no snapshot.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledAsOfLimitTest extends ScheduleTestSupport {

    @Test
    void fireOfASlotADayAheadIsRefusedLeavingNoExecution(CapturedOutput output) {
        Instant slot = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JobDetail detail = JobBuilder.newJob(ScheduledSnapshotJob.class).withIdentity(ScheduleConfiguration.JOB_KEY)
                .build();
        OperableTrigger trigger = (OperableTrigger) TriggerBuilder.newTrigger().forJob(detail)
                .withIdentity("clock-ahead", "test").startAt(Date.from(slot)).build();
        Date fire = Date.from(slot);
        JobExecutionContextImpl context = new JobExecutionContextImpl(null,
                new TriggerFiredBundle(detail, trigger, null, false, fire, fire, null, null),
                new ScheduledSnapshotJob(runs));

        new ScheduledSnapshotJob(runs).execute(context);

        assertThat(executions()).isEmpty();
        assertThat(snapshots()).isEmpty();
        assertThat(output.getAll()).contains("Scheduled snapshot as of " + slot + " (clock-ahead) not run: asOf: "
                + "the as-of instant " + slot + " is later than now plus 5m (");
    }
}
