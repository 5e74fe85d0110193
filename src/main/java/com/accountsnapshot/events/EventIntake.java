package com.accountsnapshot.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.accountsnapshot.events.internal.EventRow;
import com.accountsnapshot.events.internal.JdbcEventStore;

/**
 * Takes events in from HTTP and RabbitMQ: checks them with {@link EventRules} (the accounts and customers they name
 * looked up in two queries for the whole lot) and stores them pending, once per event_id.
 */
class EventIntake {

    private final JdbcEventStore store;

    private final EventsProperties properties;

    private final EventMetrics metrics;

    private final Clock clock;

    EventIntake(JdbcEventStore store, EventsProperties properties, EventMetrics metrics, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** How many events of a request were new, and how many had a known event_id. */
    record Stored(int accepted, int duplicate) {
    }

    /** The problems of events read from JSON, at most one per event and field, in the order of the events. */
    List<EventProblem> problems(List<EventJson.Read> events) {
        List<EventRow> rows = events.stream().map(EventJson.Read::row).filter(Objects::nonNull).toList();
        Map<Long, Long> owners = store.accountOwners(rows.stream().map(EventRow::accountId)
                .filter(Objects::nonNull).toList());
        Set<Long> customers = store.customersWithAccounts(rows.stream().filter(row -> row.accountId() == null)
                .map(EventRow::customerId).filter(Objects::nonNull).toList());
        List<EventProblem> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            EventJson.Read read = events.get(i);
            Set<String> fields = new HashSet<>();
            List<EventProblem> all = new ArrayList<>(read.problems());
            if (read.row() != null) {
                all.addAll(EventRules.check(i, read.row(), clock.instant(), properties.maxClockSkew(), owners,
                        customers));
            }
            all.stream().filter(problem -> fields.add(problem.field())).forEach(problems::add);
        }
        return problems;
    }

    /** Stores valid events; an event_id already stored is left as it is. */
    Stored store(List<EventRow> events, String source) {
        int accepted = store.insertPending(events);
        events.forEach(event -> metrics.received(event.eventType(), source));
        return new Stored(accepted, events.size() - accepted);
    }

    /** Records an invalid event (when it has an event_id) as rejected with its problems. */
    void reject(EventRow event, List<EventProblem> problems) {
        store.insertRejected(event, String.join("; ", problems.stream().map(EventProblem::text).toList()));
        metrics.rejected(event.source());
    }
}
