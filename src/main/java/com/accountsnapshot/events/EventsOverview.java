package com.accountsnapshot.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.accountsnapshot.events.internal.EventBatch;
import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.events.internal.JdbcEventQueries;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What operators see of events, over HTTP and on the command line: counts by status and type, the age of the
 * oldest pending event, the latest batches with their runs, and the latest events (with the reason of those
 * rejected).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EventsOverview(
        List<JdbcEventQueries.Count> counts,
        @Nullable Long oldestPendingAgeSeconds,
        List<Batch> latestBatches,
        List<JdbcEventQueries.StoredEvent> events) {

    /** A batch as operators see it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Batch(long batchId, String eventType, Instant cutAt, int eventCount, String firstEventId,
            String status, @Nullable Long jobExecutionId) {

        static Batch of(EventBatch batch) {
            return new Batch(batch.batchId(), batch.eventType(), batch.cutAt(), batch.eventCount(),
                    batch.firstEventId(), batch.status(), batch.jobExecutionId());
        }
    }

    /**
     * @param status only events with this status (null: any)
     * @param type only events of this type (null: any)
     * @param customers only events of these customers (null: all)
     */
    public static EventsOverview of(JdbcEventQueries queries, JdbcEventBatches batches, @Nullable String status,
            @Nullable String type, Long @Nullable [] customers, int limit, Instant now) {
        Instant oldest = queries.oldestPending(customers);
        return new EventsOverview(queries.counts(status, type, customers),
                oldest == null ? null : Duration.between(oldest, now).toSeconds(),
                customers == null ? batches.latest(limit).stream().map(Batch::of).toList() : List.of(),
                queries.events(status, type, customers, limit));
    }
}
