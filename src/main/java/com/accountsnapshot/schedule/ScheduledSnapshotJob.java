package com.accountsnapshot.schedule;

import java.time.Instant;
import java.util.Map;

import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.operations.RunRefusedException;
import com.accountsnapshot.operations.SnapshotRuns;
import com.accountsnapshot.snapshot.SnapshotType;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;

/**
 * A fire of the schedule: a full-portfolio {@code scheduled} snapshot run as of the fire's scheduled time,
 * with the trigger's name as its trigger event, waited for to its end so that the cluster never fires the
 * next one while it goes. A refused run is a warning, never a Quartz error: the next fire tries again.
 */
@DisallowConcurrentExecution
class ScheduledSnapshotJob implements Job {

    private static final Logger log = LoggerFactory.getLogger(ScheduledSnapshotJob.class);

    private final SnapshotRuns runs;

    ScheduledSnapshotJob(SnapshotRuns runs) {
        this.runs = runs;
    }

    @Override
    public void execute(JobExecutionContext context) {
        String trigger = context.getTrigger().getKey().getName();
        Instant asOf = context.getScheduledFireTime().toInstant();
        try {
            SnapshotRequest request = runs.request(Map.of(
                    SnapshotRequest.SNAPSHOT_TYPE, SnapshotType.SCHEDULED.code(),
                    SnapshotRequest.TRIGGER_EVENT, trigger,
                    SnapshotRequest.AS_OF, asOf.toString()));
            JobExecution end = runs.awaitEnd(runs.start(request));
            if (end.getStatus() == BatchStatus.COMPLETED) {
                log.info("Scheduled snapshot as of {} ({}): execution {} completed", asOf, trigger, end.getId());
            }
            else {
                log.warn("Scheduled snapshot as of {} ({}): execution {} ended {}; restart it by its id", asOf,
                        trigger, end.getId(), end.getStatus());
            }
        }
        catch (RunRefusedException | InvalidSnapshotRequestException | JobInstanceAlreadyCompleteException
                | JobExecutionAlreadyRunningException ex) {
            log.warn("Scheduled snapshot as of {} ({}) not run: {}", asOf, trigger, ex.getMessage());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("Scheduled snapshot as of {} ({}): interrupted while waiting for its end", asOf, trigger);
        }
        catch (Exception ex) {
            log.error("Scheduled snapshot as of {} ({}) failed to start", asOf, trigger, ex);
        }
    }
}
