package com.accountsnapshot.run;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Keeps the leases of the runs going in this process alive: once it holds one, a thread of its own renews them
 * every heartbeat interval, in one statement outside every chunk's transaction, so a chunk waiting on a lock does
 * not hold the heartbeat back. A renewal that fails (the database unreachable) is tried again at the next beat;
 * leases not renewed within the heartbeat timeout are taken for dead by the other processes.
 */
@Component
class LeaseHeartbeat implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LeaseHeartbeat.class);

    private final RunLeases leases;

    private final RunsProperties properties;

    /**
     * The job executions whose runs (or partitions) are going in this process, with how many leases of each it
     * holds: only their leases are renewed.
     */
    private final Map<Long, Integer> running = new ConcurrentHashMap<>();

    private @Nullable ScheduledExecutorService beats;

    LeaseHeartbeat(RunLeases leases, RunsProperties properties) {
        this.leases = leases;
        this.properties = properties;
    }

    /**
     * Takes the lease of a job execution this process has just launched and gives it up when the run's thread
     * has ended. A lease that cannot be taken (the database unreachable) leaves the run going without one: it
     * then counts as alive to no one, as a run from before leases existed.
     *
     * @return {@code ended}, followed by the release of the lease: whoever waits for it finds the lease given up
     */
    CompletableFuture<Void> holdWhileRunning(long jobExecutionId, CompletableFuture<Void> ended) {
        long generation;
        try {
            var acquired = leases.acquire(jobExecutionId, null);
            if (acquired.isEmpty()) {
                log.warn("Execution {} is leased by another live process; running it without a lease", jobExecutionId);
                return ended;
            }
            generation = acquired.getAsLong();
        }
        catch (RuntimeException ex) {
            log.warn("Could not take the lease of execution {}; it runs without one: {}", jobExecutionId,
                    ex.toString());
            return ended;
        }
        renewing(jobExecutionId);
        return ended.whenComplete((ignored, failure) -> {
            // not renewed any more even when the release fails (the run's connections broken): it goes stale
            notRenewing(jobExecutionId);
            release(jobExecutionId, null, generation);
        });
    }

    /** Renews the leases this process holds on the job execution from now on (one more holder of them). */
    void renewing(long jobExecutionId) {
        running.merge(jobExecutionId, 1, Integer::sum);
        start();
    }

    /** One holder fewer of the job execution's leases; none left, they are not renewed any more. */
    void notRenewing(long jobExecutionId) {
        running.computeIfPresent(jobExecutionId, (id, holders) -> holders == 1 ? null : holders - 1);
    }

    /** Gives up a lease; when the database is unreachable it goes stale instead, which ends it the same way. */
    void release(long jobExecutionId, @Nullable Long stepExecutionId, long generation) {
        try {
            leases.release(jobExecutionId, stepExecutionId, generation);
        }
        catch (RuntimeException ex) {
            log.warn("Could not release the lease of execution {}: {}", jobExecutionId, ex.toString());
        }
    }

    /** Starts the beats, if not yet. */
    synchronized void start() {
        if (beats != null) {
            return;
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.heartbeatInterval().toMillis();
        executor.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
        beats = executor;
    }

    private void beat() {
        try {
            leases.renew(running.keySet());
        }
        catch (RuntimeException ex) {
            log.warn("Lease heartbeat failed, trying again in {}: {}", properties.heartbeatInterval(), ex.toString());
        }
    }

    @Override
    public synchronized void destroy() {
        if (beats != null) {
            beats.shutdownNow();
            beats = null;
        }
    }
}
