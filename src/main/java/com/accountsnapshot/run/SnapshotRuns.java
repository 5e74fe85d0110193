package com.accountsnapshot.run;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import com.accountsnapshot.job.SnapshotLauncher;
import com.accountsnapshot.job.SnapshotRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Everything operators do with snapshot runs, over {@link JobOperator}: start (refused before any trace when
 * its parameters are bad or an overlapping run is going), restart a FAILED or STOPPED run by its execution
 * id, stop, recover a run left STARTED by a crashed process or ended UNKNOWN, and look runs up. Used by the
 * command line, the HTTP API and the schedule alike.
 */
@Component
public class SnapshotRuns {

    private final SnapshotLauncher launcher;

    private final JobOperator jobOperator;

    private final JobRepository jobRepository;

    private final RunExecutor executor;

    private final RunOverlapGuard overlapGuard;

    private final JdbcTemplate jdbc;

    private final RunLeases leases;

    private final LeaseHeartbeat heartbeat;

    private final ApplicationEventPublisher events;

    private final OperatorAudit audit;

    private final Map<Long, Run> runningHere = new ConcurrentHashMap<>();

    SnapshotRuns(SnapshotLauncher launcher, JobOperator jobOperator, JobRepository jobRepository,
            RunExecutor executor, RunOverlapGuard overlapGuard, JdbcTemplate jdbc, OperatorAudit audit,
            RunLeases leases, LeaseHeartbeat heartbeat, ApplicationEventPublisher events) {
        this.launcher = launcher;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.executor = executor;
        this.overlapGuard = overlapGuard;
        this.jdbc = jdbc;
        this.leases = leases;
        this.heartbeat = heartbeat;
        this.events = events;
        this.audit = audit;
    }

    /** A run launched by this process: its execution (updated as it goes) and its end. */
    public record Run(JobExecution execution, CompletableFuture<Void> ended) {

        public long id() {
            return execution.getId();
        }
    }

    /**
     * Parses and checks parameters given as text.
     *
     * @throws com.accountsnapshot.job.InvalidSnapshotRequestException naming the bad parameter
     */
    public SnapshotRequest request(Map<String, String> parameters) {
        return launcher.request(parameters);
    }

    /**
     * Starts a run and returns once its execution exists; the run goes on in a thread of its own. Audited, as
     * are restart, stop and recover, in {@code operator_audit}.
     */
    public Run start(SnapshotRequest request) throws Exception {
        String target = request.scope() + " as of " + request.asOf() + " (" + request.type().code() + ")";
        return audit.audited("start", target, run -> "execution " + run.id() + ": " + target, () -> launch(request));
    }

    private Run launch(SnapshotRequest request) throws Exception {
        try {
            return track(overlapGuard.launchAlone(request, () -> leased(executor.launch(() -> launcher.start(request)))));
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "A run of "
                    + request.scope().description() + " as of " + request.asOf() + " (" + request.type().code()
                    + ") already completed; give another --as-of", null);
        }
    }

    /** Starts a run and waits for its end. */
    public JobExecution run(Map<String, String> parameters) throws Exception {
        return awaitEnd(start(request(parameters)));
    }

    /**
     * Restarts a FAILED or STOPPED run with its parameters unchanged; it resumes after its last committed
     * chunk.
     */
    public Run restart(long executionId) throws Exception {
        return audit.audited("restart", "execution " + executionId,
                run -> "execution " + executionId + " as execution " + run.id(), () -> relaunch(executionId));
    }

    private Run relaunch(long executionId) throws Exception {
        JobExecution execution = get(executionId);
        BatchStatus status = execution.getStatus();
        if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " is " + status + "; only a FAILED or STOPPED run can be restarted"
                    + (status == BatchStatus.UNKNOWN ? " (recover it first)" : ""), null);
        }
        JobExecution last = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (last != null && last.getId() != executionId) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " was already restarted as execution " + last.getId() + " (" + last.getStatus() + ")", null);
        }
        SnapshotRequest request = SnapshotRequest.from(execution.getJobParameters());
        return track(overlapGuard.launchAlone(request, () -> {
            failOrphanedSteps(execution);
            return leased(executor.launch(() -> jobOperator.restart(execution)));
        }));
    }

    /**
     * Takes the lease of a run just launched, still under the launch lock, so that no other process sees it
     * running without a lease; the lease is given up when the run's thread has ended, before the run counts as
     * ended here.
     */
    private RunExecutor.Launched<JobExecution> leased(RunExecutor.Launched<JobExecution> launched) {
        return new RunExecutor.Launched<>(launched.result(),
                heartbeat.holdWhileRunning(launched.result().getId(), launched.ended()));
    }

    /**
     * A run that ended while some of its steps were still marked running lost their processes (a remote
     * worker killed while its manager gave up waiting): they are marked FAILED, so the restart runs them
     * again from their last committed chunk.
     */
    private void failOrphanedSteps(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                step.setExitStatus(ExitStatus.FAILED.addExitDescription(
                        "The process running this step was lost before the run ended"));
                step.setEndTime(LocalDateTime.now());
                jobRepository.update(step);
            }
        }
    }

    /** Waits for a run of this process to end and returns its final state from the job repository. */
    public JobExecution awaitEnd(Run run) throws InterruptedException {
        try {
            run.ended().get();
        }
        catch (ExecutionException ex) {
            throw new IllegalStateException("Run " + run.id() + " ended abnormally", ex.getCause());
        }
        return get(run.id());
    }

    /**
     * Asks a running run to stop after its current chunk (wherever it runs: the request goes through the
     * job repository); it ends STOPPED and can be restarted.
     */
    public JobExecution stop(long executionId) throws Exception {
        return audit.audited("stop", "execution " + executionId, stopped -> "execution " + executionId,
                () -> requestStop(executionId));
    }

    private JobExecution requestStop(long executionId) throws Exception {
        JobExecution execution = get(executionId);
        if (!execution.isRunning()) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " is " + execution.getStatus() + "; only a running run can be stopped", null);
        }
        Run local = runningHere.get(executionId);
        if (local != null) {
            requestStop(local);
        }
        requestStopThroughRepository(executionId);
        return get(executionId);
    }

    /**
     * Marks the job execution STOPPING in the job repository. A run in another process sees it when it saves
     * its next chunk (the repository synchronises the status and stops the step); everyone sees STOPPING
     * until the run has ended. Only the job execution is touched: the running process keeps ownership of its
     * step executions.
     */
    private void requestStopThroughRepository(long executionId) {
        for (int attempt = 1; ; attempt++) {
            JobExecution fresh = get(executionId);
            if (!fresh.isRunning()) {
                return;
            }
            fresh.upgradeStatus(BatchStatus.STOPPING);
            try {
                jobRepository.update(fresh);
                return;
            }
            catch (OptimisticLockingFailureException concurrentUpdate) {
                if (attempt == 3) {
                    throw concurrentUpdate;
                }
            }
        }
    }

    /**
     * Stops a run of this process after its current chunk. The running step is told directly (its step
     * execution is flagged), which leaves its step-scoped reader and writer alone until the step ends.
     */
    void requestStop(Run run) {
        run.execution().upgradeStatus(BatchStatus.STOPPING);
        run.execution().getStepExecutions().forEach(StepExecution::setTerminateOnly);
    }

    /**
     * Marks a run that cannot go on by itself as FAILED, so it can be restarted: one left STARTED by a process
     * that died (kill -9, power loss), or one that ended UNKNOWN because its database connection broke in the
     * middle of a chunk, so that the outcome of the chunk's transaction could not be confirmed. Restarting
     * either is safe: the reader position is saved in the same transaction as the chunk's snapshots, so the
     * restart resumes exactly after whatever was committed. Refused for a run that is going in this process,
     * and for one whose lease is alive (its process renews it: it is running somewhere).
     */
    public JobExecution recover(long executionId) {
        return recover(executionId, false);
    }

    /**
     * As {@link #recover(long)}; {@code force} recovers a run even though its lease is alive, for an operator who
     * knows its process is not running (a host cut off from the network, say): audited as {@code recover --force}.
     * Every recovery is also published as a {@link RunRecovered} event.
     */
    public JobExecution recover(long executionId, boolean force) {
        try {
            return audit.audited(force ? "recover --force" : "recover", "execution " + executionId,
                    recovered -> "execution " + executionId, () -> markRecovered(executionId, force));
        }
        catch (RuntimeException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private JobExecution markRecovered(long executionId, boolean force) {
        JobExecution execution = get(executionId);
        boolean unknown = execution.getStatus() == BatchStatus.UNKNOWN;
        if (!execution.isRunning() && !unknown) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " is " + execution.getStatus() + "; only a run left STARTED by a dead process or ended UNKNOWN "
                    + "can be recovered", null);
        }
        if (runningHere.containsKey(executionId)) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " is running in this process; stop it instead", null);
        }
        RunLeases.Lease lease = leases.find(executionId).orElse(null);
        // a lease of this process whose run is not going here is left from a run thread that died
        boolean alive = lease != null && lease.alive() && !lease.owner().equals(LeaseOwner.CURRENT);
        if (alive && !unknown && !force) {
            throw new RunRefusedException(RunRefusedException.Reason.WRONG_STATE, "Execution " + executionId
                    + " is alive: its lease is held by " + lease.describe()
                    + "; use --force if you know it is not running", null);
        }
        if (unknown) {
            // Spring Batch's recover leaves UNKNOWN alone, and its restart refuses UNKNOWN job and step executions
            markFailed(execution);
        }
        else {
            jobOperator.recover(execution);
        }
        leases.markRecovered(executionId);
        events.publishEvent(new RunRecovered(executionId, force && alive,
                lease == null ? null : lease.describe()));
        return get(executionId);
    }

    private void markFailed(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                step.setStatus(BatchStatus.FAILED);
                jobRepository.update(step);
            }
        }
        execution.setStatus(BatchStatus.FAILED);
        jobRepository.update(execution);
    }

    /** @throws RunRefusedException when no execution has that id */
    public JobExecution get(long executionId) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(executionId);
        }
        catch (EmptyResultDataAccessException ex) {
            // Spring Batch 6.0 throws here for an unknown id instead of returning null (spring-batch#5389)
            execution = null;
        }
        if (execution == null) {
            throw new RunRefusedException(RunRefusedException.Reason.UNKNOWN_EXECUTION,
                    "No snapshot run has execution id " + executionId, null);
        }
        return execution;
    }

    /** The most recent runs, newest first, optionally only those with a given status. */
    public List<JobExecution> recent(int limit, @Nullable BatchStatus status) {
        List<Long> ids = jdbc.queryForList("""
                SELECT e.job_execution_id FROM batch_job_execution e
                JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                WHERE i.job_name = 'accountSnapshotJob' AND (CAST(? AS varchar) IS NULL OR e.status = ?)
                ORDER BY e.job_execution_id DESC LIMIT ?""", Long.class,
                status == null ? null : status.name(), status == null ? null : status.name(), limit);
        return ids.stream().map(this::get).toList();
    }

    /** Runs launched by this process that have not ended yet. */
    public Collection<Run> runningHere() {
        return List.copyOf(runningHere.values());
    }

    private Run track(RunExecutor.Launched<JobExecution> launched) {
        Run run = new Run(launched.result(), launched.ended());
        runningHere.put(run.id(), run);
        run.ended().whenComplete((ignored, failure) -> runningHere.remove(run.id()));
        return run;
    }
}
