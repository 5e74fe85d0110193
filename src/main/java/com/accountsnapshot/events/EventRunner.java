package com.accountsnapshot.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.accountsnapshot.events.internal.EventBatch;
import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.job.SnapshotRequest;
import com.accountsnapshot.run.RunRefusedException;
import com.accountsnapshot.run.SnapshotRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one run per event batch (as of its cut instant, over its accounts) and marks the batch's events done with
 * the run that served them once it completed. A batch whose scope overlaps a running run stays waiting and starts
 * on a later tick; a batch whose run was launched but not recorded (the process died in between) is attached to
 * that run instead of starting another.
 */
class EventRunner {

    private static final Logger log = LoggerFactory.getLogger(EventRunner.class);

    private static final int REASON_MAX_LENGTH = 255;

    private final JdbcEventBatches batches;

    private final SnapshotRuns runs;

    private final EventMetrics metrics;

    private final Clock clock;

    EventRunner(JdbcEventBatches batches, SnapshotRuns runs, EventMetrics metrics, Clock clock) {
        this.batches = batches;
        this.runs = runs;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Starts the runs of waiting batches that overlap no running run; returns how many started. */
    int startWaiting() throws Exception {
        int started = 0;
        for (EventBatch batch : batches.waiting()) {
            Optional<Long> launched = batches.executionOf(batch.batchId());
            if (launched.isPresent()) {
                batches.attach(batch.batchId(), launched.get());
                continue;
            }
            try {
                SnapshotRuns.Run run = runs.start(runs.request(parameters(batch)));
                batches.attach(batch.batchId(), run.id());
                log.info("Event batch {} ({} {} events): run {} started", batch.batchId(), batch.eventCount(),
                        batch.eventType(), run.id());
                started++;
            }
            catch (InvalidSnapshotRequestException invalid) {
                log.warn("Event batch {} cannot start: {}", batch.batchId(), invalid.getMessage());
            }
            catch (RunRefusedException refused) {
                // an overlapping run is going (or another process launched this batch's run): try again next tick
                log.debug("Event batch {} waits: {}", batch.batchId(), refused.getMessage());
            }
        }
        return started;
    }

    /** Marks the events of batches whose run completed done; returns how many events. */
    int markDone() {
        List<Instant> arrivals = batches.markCompletedDone();
        Instant now = clock.instant();
        arrivals.forEach(arrival -> metrics.served(Duration.between(arrival, now)));
        return arrivals.size();
    }

    static Map<String, String> parameters(EventBatch batch) {
        EventType type = EventType.valueOf(batch.eventType());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(SnapshotRequest.AS_OF, batch.cutAt().toString());
        parameters.put(SnapshotRequest.SNAPSHOT_TYPE, type.snapshotType().code());
        parameters.put(SnapshotRequest.TRIGGER_EVENT, type.triggerEvent());
        parameters.put(SnapshotRequest.REASON, reason(batch));
        parameters.put(SnapshotRequest.EVENT_BATCH_ID, Long.toString(batch.batchId()));
        return parameters;
    }

    /** {@code events: 300 (kpi-upload-17 ...)}: the count and the first event, within the reason's 255 characters. */
    static String reason(EventBatch batch) {
        String reason = "events: " + batch.eventCount() + " (" + batch.firstEventId()
                + (batch.eventCount() > 1 ? " ...)" : ")");
        return reason.length() <= REASON_MAX_LENGTH ? reason : reason.substring(0, REASON_MAX_LENGTH - 4) + " ...";
    }
}
