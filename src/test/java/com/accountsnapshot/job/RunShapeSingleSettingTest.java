package com.accountsnapshot.job;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code account-snapshot.job.partitioned=false}: a run records its shape as non-identifying parameters, and a
 * run that started partitioned (under another setting) resumes partitioned, its committed partition kept.
 */
@SpringBootTest(properties = { "account-snapshot.job.chunk-size=10", "account-snapshot.job.partitioned=false",
        "account-snapshot.job.threads=2" })
class RunShapeSingleSettingTest extends RunShapeTestSupport {

    @Test
    void runRecordsItsShapeAsNonIdentifyingParameters() throws Exception {
        JobExecution execution = runs.run(java.util.Map.of("asOf", "2026-11-28T00:00:00Z"));

        JobParameters parameters = execution.getJobParameters();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(parameters.getParameter(RunShape.PARTITIONED).value()).isEqualTo(false);
        assertThat(parameters.getParameter(RunShape.PARTITIONED).identifying()).isFalse();
        assertThat(parameters.getParameter(RunShape.THREADS).value()).isEqualTo(2L);
        assertThat(parameters.getParameter(RunShape.THREADS).identifying()).isFalse();
        assertThat(RunShapeRestarts.stepNames(execution)).containsExactly(AccountSnapshotJobConfiguration.STEP_NAME);
    }

    @Test
    void runStartedPartitionedResumesPartitionedWhateverTheSetting() throws Exception {
        // given a run started with three partitions, failing in the partition of accounts 35-67
        failure.armAt(55, 1);
        JobExecution failed = restarts.startWith(new RunShape(true, 3));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarts.snapshotsOf(failed)).isEqualTo(87);

        // when it is restarted under a single-step setting
        JobExecution restarted = restarts.restart(failed);

        // then it resumes its failed partition only
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunShapeRestarts.stepNames(restarted)).containsExactly(
                AccountSnapshotJobConfiguration.PARTITIONED_STEP_NAME,
                AccountSnapshotJobConfiguration.WORKER_STEP_NAME + ":partition1");
        assertThat(restarted.getStepExecutions().stream()
                .filter(step -> step.getStepName().endsWith(":partition1")).findFirst().orElseThrow()
                .getWriteCount()).isEqualTo(13);
        assertThat(restarted.getJobParameters().getParameter(RunShape.THREADS).value()).isEqualTo(3L);
        restarts.assertEveryAccountSnapshottedOnce(failed);
    }
}
