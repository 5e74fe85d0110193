package com.accountsnapshot.schedule;

import java.text.ParseException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.snapshot.SnapshotType;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A fire of the schedule: a full-portfolio {@code scheduled} snapshot run as of the fire's slot in the
 * schedule, with the trigger's name as its trigger event, waited for to its end so that the cluster never
 * fires the next one while it goes. A refused run is a warning, never a Quartz error: the next fire tries
 * again.
 * <p>
 * The slot of an on-time fire is its scheduled time. A fire made up after the schedule was down (misfire:
 * fire once, now) fills the latest slot it missed: snapshotted as of, say, 02:00 although it runs at 09:00,
 * so that the next day's 02:00 fire is a full day later and not held back by the scheduled cooldown (24 h),
 * and the series keeps one snapshot per slot.
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
        Instant asOf = slot(context);
        // the schedule acts as itself: operator_audit names the trigger as the principal of its runs
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated("schedule:" + trigger, null, List.of()));
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
        finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** The latest time of the trigger's schedule at or before this fire's scheduled time. */
    static Instant slot(JobExecutionContext context) {
        Date fire = context.getScheduledFireTime();
        if (!(context.getTrigger() instanceof CronTrigger cron)) {
            return fire.toInstant();
        }
        CronExpression schedule;
        try {
            schedule = new CronExpression(cron.getCronExpression());
        }
        catch (ParseException ex) {
            return fire.toInstant();
        }
        schedule.setTimeZone(cron.getTimeZone());
        // walk the schedule from the last fire before this one (or the trigger's start), never from further
        // back than a year: Quartz's cron expressions cannot step backwards
        Date from = context.getPreviousFireTime() != null ? context.getPreviousFireTime() : cron.getStartTime();
        Date yearBefore = Date.from(fire.toInstant().minus(366, ChronoUnit.DAYS));
        if (from == null || from.before(yearBefore)) {
            from = yearBefore;
        }
        Date slot = fire;
        Date next = schedule.isSatisfiedBy(from) ? from : schedule.getNextValidTimeAfter(from);
        while (next != null && !next.after(fire)) {
            slot = next;
            next = schedule.getNextValidTimeAfter(next);
        }
        return slot.toInstant();
    }
}
