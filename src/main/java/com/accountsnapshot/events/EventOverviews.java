package com.accountsnapshot.events;

import java.time.Instant;
import java.util.Set;

import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.events.internal.JdbcEventQueries;
import org.jspecify.annotations.Nullable;

/** The {@link EventsOverview} for the HTTP API and the {@code events} command, with their filters checked. */
public class EventOverviews {

    static final Set<String> STATUSES = Set.of("pending", "batched", "done", "rejected");

    private final JdbcEventQueries queries;

    private final JdbcEventBatches batches;

    EventOverviews(JdbcEventQueries queries, JdbcEventBatches batches) {
        this.queries = queries;
        this.batches = batches;
    }

    /**
     * @param status only events with this status (pending, batched, done, rejected; null: any)
     * @param type only events of this type (null: any)
     * @throws IllegalArgumentException naming a filter that is not one of its values
     */
    public EventsOverview overview(@Nullable String status, @Nullable String type, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: '" + status + "' is not one of batched, done, pending, rejected");
        }
        if (type != null && EventType.of(type).isEmpty()) {
            throw new IllegalArgumentException("type: '" + type + "' is not a known event type");
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit: must be 1 to 1000, not " + limit);
        }
        return EventsOverview.of(queries, batches, status, type, null, limit, Instant.now());
    }
}
