package com.accountsnapshot.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.TriggerBuilder;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A fire of the schedule becomes a full-portfolio {@code scheduled} run as of the fire's scheduled time with
 * the trigger's name as trigger event; a run the overlap guard refuses is a logged warning, not a Quartz
 * error, and the next fire runs.
 */
@ExtendWith(OutputCaptureExtension.class)
class ScheduledSnapshotJobTest extends ScheduleTestSupport {

    @Autowired
    JobRepository jobRepository;

    @Test
    void fireRunsAScheduledPortfolioSnapshotAsOfTheScheduledFireTime() throws Exception {
        ScheduleInstance instance = start("node-a", QUIET_CRON);
        instance.schedule().start();
        Instant fireTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(2);

        instance.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("month-end-close", "test").startAt(Date.from(fireTime)).build());
        await().atMost(Duration.ofSeconds(60)).until(() -> instance.fires().size() == 1);

        assertThat(instance.fires()).extracting(ScheduleInstance.Fire::failure).containsOnlyNulls();
        assertThat(executions()).hasSize(1);
        JobExecution execution = executions().get(0);
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        JobParameters parameters = execution.getJobParameters();
        assertThat(parameters.getString(SnapshotRequest.SNAPSHOT_TYPE)).isEqualTo("scheduled");
        assertThat(parameters.getString(SnapshotRequest.TRIGGER_EVENT)).isEqualTo("month-end-close");
        assertThat(parameters.getString(SnapshotRequest.AS_OF)).isEqualTo(fireTime.toString());
        assertThat(parameters.getParameter(SnapshotRequest.FORCE).value()).isEqualTo(false);
        assertThat(parameters.getParameter(SnapshotRequest.FORCE).type()).isEqualTo(Boolean.class);
        assertThat(parameters.parameters()).extracting(parameter -> parameter.name())
                .containsExactlyInAnyOrder("snapshotType", "triggerEvent", "asOf", "force", "partitioned", "threads");
        assertThat(snapshots()).extracting(SnapshotRow::accountId, SnapshotRow::type, SnapshotRow::triggerEvent,
                SnapshotRow::timestamp, SnapshotRow::executionId).containsExactly(
                        tuple(1L, "scheduled", "month-end-close", fireTime, execution.getId()),
                        tuple(2L, "scheduled", "month-end-close", fireTime, execution.getId()),
                        tuple(3L, "scheduled", "month-end-close", fireTime, execution.getId()));
    }

    @Test
    void refusedRunIsAWarningAndTheNextFireRuns(CapturedOutput output) throws Exception {
        JobExecution crashed = runLeftStartedByADeadProcess();
        ScheduleInstance instance = start("node-a", QUIET_CRON);
        instance.schedule().start();

        instance.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("first-try", "test").startNow().build());
        await().atMost(Duration.ofSeconds(60)).until(() -> instance.fires().size() == 1);

        ScheduleInstance.Fire refused = instance.fires().get(0);
        assertThat(refused.failure()).isNull();
        assertThat(executions()).extracting(JobExecution::getId).containsExactly(crashed.getId());
        assertThat(output).contains("Scheduled snapshot as of " + refused.scheduledFireTime().toInstant()
                + " (first-try) not run: Execution " + crashed.getId()
                + " is running on an overlapping scope; portfolio was not started");

        runs.recover(crashed.getId());
        instance.scheduler().scheduleJob(TriggerBuilder.newTrigger().forJob(ScheduleConfiguration.JOB_KEY)
                .withIdentity("second-try", "test").startNow().build());
        await().atMost(Duration.ofSeconds(60)).until(() -> instance.fires().size() == 2);

        assertThat(instance.fires().get(1).failure()).isNull();
        assertThat(executions()).extracting(JobExecution::getStatus,
                execution -> execution.getJobParameters().getString(SnapshotRequest.TRIGGER_EVENT)).containsExactly(
                        tuple(BatchStatus.FAILED, null), tuple(BatchStatus.COMPLETED, "second-try"));
        assertThat(snapshots()).extracting(SnapshotRow::accountId, SnapshotRow::triggerEvent).containsExactly(
                tuple(1L, "second-try"), tuple(2L, "second-try"), tuple(3L, "second-try"));
    }

    /** A full-portfolio run whose process died: the job repository still says STARTED (docs/operations.md#runs-that-end-badly). */
    private JobExecution runLeftStartedByADeadProcess() throws Exception {
        JobParameters parameters = runs.request(Map.of("asOf", "2026-01-01T00:00:00Z")).toJobParameters();
        JobInstance instance = jobRepository.createJobInstance("accountSnapshotJob", parameters);
        JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
        execution.setStatus(BatchStatus.STARTED);
        execution.setStartTime(LocalDateTime.now());
        jobRepository.update(execution);
        return execution;
    }
}
