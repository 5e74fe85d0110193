package com.accountsnapshot.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.time.Instant;

import com.accountsnapshot.events.internal.JdbcEventBatches;
import com.accountsnapshot.events.internal.JdbcEventQueries;
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/events}: the platform's events over HTTP, one or an array of up to 10,000; {@code GET /api/events}:
 * what became of them; {@code POST /api/events/dlq/replay}: dead-lettered messages back to the queue.
 */
@RestController
class EventsController {

    static final int MAX_EVENTS = 10_000;

    private static final Set<String> STATUSES = Set.of("pending", "batched", "done", "rejected");

    private final EventIntake intake;

    private final JdbcEventQueries queries;

    private final JdbcEventBatches batches;

    private final EventQueue queue;

    EventsController(EventIntake intake, JdbcEventQueries queries, JdbcEventBatches batches, EventQueue queue) {
        this.intake = intake;
        this.queries = queries;
        this.batches = batches;
        this.queue = queue;
    }

    /** The answer to accepted events. */
    record Accepted(int accepted, int duplicate) {
    }

    /** The answer to a request with invalid events: each problem with the event's index and the field. */
    record Refused(String error, List<EventProblem> problems) {
    }

    @Operation(summary = "Events by status and type, the oldest pending, the latest batches and events")
    @ApiResponse(responseCode = "200", description = "the overview")
    @ApiResponse(responseCode = "400", description = "an unknown status or type, or a limit out of 1..1000")
    @GetMapping("/api/events")
    ResponseEntity<?> overview(@RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String type, @RequestParam(defaultValue = "20") int limit) {
        if (status != null && !STATUSES.contains(status)) {
            return ResponseEntity.badRequest().body(new Refused("status: '" + status
                    + "' is not one of batched, done, pending, rejected", List.of()));
        }
        if (type != null && EventType.of(type).isEmpty()) {
            return ResponseEntity.badRequest().body(new Refused("type: '" + type + "' is not a known event type",
                    List.of()));
        }
        if (limit < 1 || limit > 1000) {
            return ResponseEntity.badRequest().body(new Refused("limit: must be 1 to 1000, not " + limit, List.of()));
        }
        return ResponseEntity.ok(EventsOverview.of(queries, batches, status, type, null, limit, Instant.now()));
    }

    /** The answer to a dead-letter replay. */
    record Replayed(int replayed) {
    }

    @Operation(summary = "Move dead-lettered event messages back to the events queue")
    @ApiResponse(responseCode = "200", description = "how many messages were moved")
    @ApiResponse(responseCode = "409", description = "events are not consumed from RabbitMQ in this process")
    @PostMapping("/api/events/dlq/replay")
    ResponseEntity<?> replay(@RequestParam(defaultValue = "1000") int limit) {
        if (!queue.enabled()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new Refused(
                    "Events are not consumed from RabbitMQ (account-snapshot.events.amqp.enabled)", List.of()));
        }
        return ResponseEntity.ok(new Replayed(queue.replayDeadLetters(limit)));
    }

    @Operation(summary = "Publish events (one, or an array of up to 10,000); they become snapshots within minutes")
    @ApiResponse(responseCode = "202", description = "stored: how many were new and how many had a known event_id")
    @ApiResponse(responseCode = "400", description = "invalid events, each named by index and field; none was stored")
    @PostMapping("/api/events")
    ResponseEntity<?> publish(@RequestBody JsonNode body) {
        List<JsonNode> nodes = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(nodes::add);
        }
        else {
            nodes.add(body);
        }
        if (nodes.isEmpty() || nodes.size() > MAX_EVENTS) {
            return ResponseEntity.badRequest().body(new Refused("A request holds 1 to " + MAX_EVENTS
                    + " events, not " + nodes.size(), List.of()));
        }
        List<EventJson.Read> reads = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            reads.add(EventJson.read(i, nodes.get(i), "http"));
        }
        List<EventProblem> problems = intake.problems(reads);
        if (!problems.isEmpty()) {
            long invalid = problems.stream().map(EventProblem::index).distinct().count();
            return ResponseEntity.badRequest().body(new Refused(invalid + " of " + nodes.size()
                    + " events are invalid; none was stored", problems));
        }
        EventIntake.Stored stored = intake.store(reads.stream().map(EventJson.Read::row).filter(Objects::nonNull)
                .toList(), "http");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(stored.accepted(), stored.duplicate()));
    }
}
