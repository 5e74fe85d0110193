package com.accountsnapshot.run;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown (SIGTERM, or the application context closing) asks every run of this process to stop after its
 * current chunk and waits for it: the run ends STOPPED, with its state saved, and can be restarted. It is
 * the first bean stopped, so the database and the job repository are still there while runs wind down.
 */
@Component
class GracefulShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

    private final SnapshotRuns runs;

    private final Duration timeout;

    private volatile boolean running;

    GracefulShutdown(SnapshotRuns runs, @Value("${account-snapshot.shutdown-timeout:5m}") Duration timeout) {
        this.runs = runs;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        for (SnapshotRuns.Run run : runs.runningHere()) {
            log.info("Shutting down: stopping execution {} after its current chunk", run.id());
            runs.requestStop(run);
        }
        for (SnapshotRuns.Run run : runs.runningHere()) {
            try {
                run.ended().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                log.info("Execution {} stopped", run.id());
            }
            catch (TimeoutException ex) {
                log.warn("Execution {} did not stop within {}", run.id(), timeout);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Exception ex) {
                log.warn("Execution {} ended with {}", run.id(), ex.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
