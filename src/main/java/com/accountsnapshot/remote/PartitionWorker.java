package com.accountsnapshot.remote;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.Lifecycle;
import org.springframework.context.event.ContextClosedEvent;

/**
 * The worker role of this process: takes partition requests from the queue and runs them, until stopped.
 * <p>
 * Stopping is graceful: the consumers are cancelled, so no request is taken any more, and each running
 * partition stops at the end of its current chunk and is handed over ({@link PartitionHandOver}): its request
 * goes back to the queue and another worker resumes it after that chunk. A partition whose chunk has not ended
 * within the shutdown timeout (a chunk held up by a lock or a database outage) is left the way a killed worker
 * leaves it: the process halts at once with exit code 1, writing nothing more; the chunk's transaction rolls back
 * and the broker hands the request on when the connection drops. Also run when the application context closes
 * otherwise (e.g. SIGHUP), before any other bean stops.
 */
public class PartitionWorker implements ApplicationListener<ContextClosedEvent> {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final BeanFactory beanFactory;

    private final PartitionHandOver handOver;

    private final Duration timeout;

    private boolean started;

    PartitionWorker(BeanFactory beanFactory, PartitionHandOver handOver, Duration timeout) {
        this.beanFactory = beanFactory;
        this.handOver = handOver;
        this.timeout = timeout;
    }

    /** Starts taking partition requests from the queue. */
    public synchronized void start() {
        listener().start();
        started = true;
    }

    /**
     * Takes no more requests and hands the running partitions over after their current chunk; returns, with
     * the number handed over, once none is running here any more. Nothing more to do once stopped, or when not
     * started.
     */
    public synchronized int stop() {
        if (!started) {
            return handOver.handedOverCount();
        }
        started = false;
        int running = handOver.handOverAll();
        if (running > 0) {
            log.info("Stopping: {} running partition(s) hand over after their current chunk", running);
        }
        // cancels the consumers, then waits for the running partitions, at most the shutdown timeout (the
        // listener container's, see RemoteWorkerConfiguration)
        listener().stop();
        int stuck = handOver.runningCount();
        if (stuck > 0) {
            log.error("{} partition(s) did not reach the end of their chunk within {}: halting, the broker hands "
                    + "them on as it does a killed worker's", stuck, timeout);
            Runtime.getRuntime().halt(1);
        }
        return handOver.handedOverCount();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stop();
    }

    private Lifecycle listener() {
        return beanFactory.getBean(RemoteWorkerConfiguration.WORKER_LISTENER, Lifecycle.class);
    }
}
