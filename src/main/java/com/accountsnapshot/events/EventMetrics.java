package com.accountsnapshot.events;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of event-driven snapshots: events received by type and path, rejected by path, pending events
 * and the age of the oldest (as of the last cutter tick), and the time from an event's arrival to the end of the
 * run that served it.
 */
class EventMetrics {

    private final MeterRegistry registry;

    private final AtomicLong pending = new AtomicLong();

    private final AtomicLong oldestPendingSeconds = new AtomicLong();

    private final Timer latency;

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("account_snapshot.events.pending", pending, AtomicLong::get)
                .description("Events waiting to be cut into a batch").register(registry);
        Gauge.builder("account_snapshot.events.oldest_pending_age", oldestPendingSeconds, AtomicLong::get)
                .baseUnit("seconds").description("Age of the oldest pending event").register(registry);
        latency = Timer.builder("account_snapshot.events.latency")
                .description("From an event's arrival to the end of the run that served it").register(registry);
    }

    void received(@Nullable String type, String path) {
        Counter.builder("account_snapshot.events.received").tag("type", type == null ? "none" : type)
                .tag("path", path).register(registry).increment();
    }

    void rejected(String path) {
        Counter.builder("account_snapshot.events.rejected").tag("path", path).register(registry).increment();
    }

    void pending(long count, Duration oldestAge) {
        pending.set(count);
        oldestPendingSeconds.set(oldestAge.toSeconds());
    }

    void served(Duration latencyOfOne) {
        latency.record(latencyOfOne);
    }
}
