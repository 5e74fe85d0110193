package com.accountsnapshot.events;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Event-driven snapshots in {@code serve}: every poll interval, one thread marks done the events of batches whose
 * run completed (first, so that a process that died after a run but before this step is caught up at start-up),
 * cuts the batches that are due and starts the runs of waiting batches; and, when enabled, the RabbitMQ queue is
 * consumed.
 */
public class EventProcessing implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EventProcessing.class);

    private final EventCutter cutter;

    private final EventRunner runner;

    private final EventsProperties properties;

    private final EventQueue queue;

    private final Clock clock;

    private ScheduledExecutorService ticks;

    EventProcessing(EventCutter cutter, EventRunner runner, EventsProperties properties, EventQueue queue,
            Clock clock) {
        this.cutter = cutter;
        this.runner = runner;
        this.properties = properties;
        this.queue = queue;
        this.clock = clock;
    }

    /** Starts the ticks and the queue's consumer; called by {@code serve} only. */
    public synchronized void start() {
        if (ticks != null) {
            return;
        }
        queue.start();
        ticks = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "snapshot-events"));
        ticks.scheduleWithFixedDelay(this::tick, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One round: done marking, cutting, starting. */
    void tick() {
        try {
            runner.markDone();
            cutter.cut(clock.instant());
            runner.startWaiting();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (Exception ex) {
            // the next tick tries again: every step is idempotent
            log.warn("Event processing failed; retrying in {}: {}", properties.pollInterval(), ex.toString());
        }
    }

    /** Stops consuming and ticking (a run already started goes on). */
    public synchronized void stop() {
        queue.stop();
        if (ticks != null) {
            ticks.shutdownNow();
            ticks = null;
        }
    }

    @Override
    public void destroy() {
        stop();
    }
}
