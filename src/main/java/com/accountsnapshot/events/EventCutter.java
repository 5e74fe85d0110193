package com.accountsnapshot.events;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.accountsnapshot.events.internal.EventRow;
import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.events.internal.JdbcEventStore;
import com.accountsnapshot.events.internal.PendingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Cuts the pending events of each type into a batch once the type has been quiet for the quiet period or its
 * oldest pending event is as old as the maximum delay. Events that fail {@link EventRules} (outbox rows are first
 * checked here) are rejected with their problems. One cut is one transaction under an advisory lock (a
 * process that finds another cutting cuts nothing this tick) over the pending rows it locked
 * ({@code FOR UPDATE SKIP LOCKED}), so that two processes never put one event in two batches nor share out the
 * events due at once, and a process killed while cutting leaves the events pending.
 */
class EventCutter {

    private static final Logger log = LoggerFactory.getLogger(EventCutter.class);

    private final JdbcEventBatches batches;

    private final JdbcEventStore store;

    private final EventsProperties properties;

    private final EventMetrics metrics;

    private final TransactionTemplate transaction;

    EventCutter(JdbcEventBatches batches, JdbcEventStore store, EventsProperties properties, EventMetrics metrics,
            TransactionTemplate transaction) {
        this.batches = batches;
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
        this.transaction = transaction;
    }

    /** Cuts the batches that are due at {@code now} and returns their ids. */
    List<Long> cut(Instant now) {
        List<Long> cut = transaction.execute(status -> cutLocked(now));
        return cut == null ? List.of() : cut;
    }

    private List<Long> cutLocked(Instant now) {
        if (!batches.tryLockCutting()) {
            log.debug("Another process is cutting event batches; this tick cuts none");
            return List.of();
        }
        List<PendingEvent> pending = batches.lockPending();
        List<EventRow> rows = pending.stream().map(PendingEvent::event).toList();
        Map<Long, Long> owners = store.accountOwners(rows.stream().map(EventRow::accountId).filter(Objects::nonNull)
                .toList());
        Set<Long> customers = store.customersWithAccounts(rows.stream().filter(row -> row.accountId() == null)
                .map(EventRow::customerId).filter(Objects::nonNull).toList());
        Map<EventType, List<PendingEvent>> valid = new LinkedHashMap<>();
        for (PendingEvent event : pending) {
            List<EventProblem> problems = EventRules.check(0, event.event(), now, properties.maxClockSkew(), owners,
                    customers);
            if (problems.isEmpty()) {
                valid.computeIfAbsent(EventType.of(event.event().eventType()).orElseThrow(), type -> new ArrayList<>())
                        .add(event);
            }
            else {
                batches.reject(event.event().eventId(), String.join("; ",
                        problems.stream().map(EventProblem::text).toList()));
                metrics.rejected(event.event().source());
            }
        }
        List<Long> cut = new ArrayList<>();
        long stillPending = 0;
        Instant oldestPending = null;
        for (Map.Entry<EventType, List<PendingEvent>> type : valid.entrySet()) {
            List<PendingEvent> events = type.getValue();
            Instant oldest = events.get(0).receivedAt();
            Instant newest = events.get(events.size() - 1).receivedAt();
            if (due(oldest, newest, now)) {
                long batch = batches.cut(type.getKey().name(), now.truncatedTo(ChronoUnit.SECONDS),
                        events.stream().map(event -> event.event().eventId()).toList());
                log.info("Cut event batch {}: {} {} events", batch, events.size(), type.getKey());
                cut.add(batch);
            }
            else {
                stillPending += events.size();
                oldestPending = oldestPending == null || oldest.isBefore(oldestPending) ? oldest : oldestPending;
            }
        }
        metrics.pending(stillPending, oldestPending == null ? Duration.ZERO : Duration.between(oldestPending, now));
        return cut;
    }

    private boolean due(Instant oldest, Instant newest, Instant now) {
        return !newest.plus(properties.quietPeriod()).isAfter(now) || !oldest.plus(properties.maxDelay()).isAfter(now);
    }
}
