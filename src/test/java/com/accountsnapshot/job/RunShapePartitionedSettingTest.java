package com.accountsnapshot.job;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code account-snapshot.job.partitioned=true}: a run that started as one step (under another setting)
 * resumes as one step after its last committed chunk.
 */
@SpringBootTest(properties = { "account-snapshot.job.chunk-size=10", "account-snapshot.job.partitioned=true",
        "account-snapshot.job.threads=2" })
class RunShapePartitionedSettingTest extends RunShapeTestSupport {

    @Test
    void runStartedAsOneStepResumesAsOneStepWhateverTheSetting() throws Exception {
        // given a run started as one step, failing in the chunk of accounts 51-60
        failure.armAt(55, 1);
        JobExecution failed = restarts.startWith(new RunShape(false, 2));
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(restarts.snapshotsOf(failed)).isEqualTo(50);

        // when it is restarted under a partitioned setting
        JobExecution restarted = restarts.restart(failed);

        // then it resumes its one step after account 50
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(RunShapeRestarts.stepNames(restarted)).containsExactly(AccountSnapshotJobConfiguration.STEP_NAME);
        assertThat(restarted.getStepExecutions().iterator().next().getReadCount()).isEqualTo(50);
        restarts.assertEveryAccountSnapshottedOnce(failed);
    }
}
