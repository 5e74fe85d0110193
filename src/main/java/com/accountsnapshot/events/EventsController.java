package com.accountsnapshot.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.accountsnapshot.events.internal.EventRow;
import com.accountsnapshot.run.OperatorAudit;
import com.accountsnapshot.security.CustomerScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;
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
 * what became of them; {@code POST /api/events/dlq/replay}: dead-lettered messages back to the queue. A principal
 * limited to some customers sees and publishes only their events (another customer's event refuses the whole
 * request) and cannot replay the dead letters, which hold every customer's messages. Publishing and replaying are
 * recorded in the audit log, refusals included.
 */
@RestController
class EventsController {

    static final int MAX_EVENTS = 10_000;

    private final EventIntake intake;

    private final EventOverviews overviews;

    private final DeadLetters deadLetters;

    private final OperatorAudit audit;

    EventsController(EventIntake intake, EventOverviews overviews, DeadLetters deadLetters, OperatorAudit audit) {
        this.intake = intake;
        this.overviews = overviews;
        this.deadLetters = deadLetters;
        this.audit = audit;
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
        try {
            CustomerScope scope = CustomerScope.current();
            return ResponseEntity.ok(overviews.overview(status, type, limit,
                    scope.unrestricted() ? null : scope.sqlArray()));
        }
        catch (IllegalArgumentException ex) {
            return ResponseEntity.badRequest().body(new Refused(ex.getMessage(), List.of()));
        }
    }

    /** The answer to a dead-letter replay. */
    record Replayed(int replayed) {
    }

    @Operation(summary = "Move dead-lettered event messages back to the events queue")
    @ApiResponse(responseCode = "200", description = "how many messages were moved")
    @ApiResponse(responseCode = "403", description = "the principal is limited to some customers")
    @ApiResponse(responseCode = "409", description = "events are not consumed from RabbitMQ in this process")
    @PostMapping("/api/events/dlq/replay")
    ResponseEntity<?> replay(@RequestParam(defaultValue = "1000") int limit) {
        try {
            return ResponseEntity.ok(new Replayed(deadLetters.replay(limit)));
        }
        catch (DeadLetters.RefusedException ex) {
            HttpStatus status = ex.refusal() == DeadLetters.Refusal.CUSTOMER_SCOPED ? HttpStatus.FORBIDDEN
                    : HttpStatus.CONFLICT;
            return ResponseEntity.status(status).body(new Refused(ex.getMessage(), List.of()));
        }
    }

    static final String PUBLISH = "publish events";

    private ResponseEntity<Refused> refuse(HttpStatus status, String action, String target, String why) {
        audit.refused(action, target, why);
        return ResponseEntity.status(status).body(new Refused(why, List.of()));
    }

    @Operation(summary = "Publish events (one, or an array of up to 10,000); they become snapshots within minutes")
    @ApiResponse(responseCode = "202", description = "stored: how many were new and how many had a known event_id")
    @ApiResponse(responseCode = "400", description = "invalid events, each named by index and field; none was stored")
    @ApiResponse(responseCode = "403", description = "an event of a customer outside the principal's; none was stored")
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
        String target = nodes.size() + (nodes.size() == 1 ? " event" : " events");
        CustomerScope scope = CustomerScope.current();
        List<Long> outside = reads.stream().map(EventJson.Read::row).filter(Objects::nonNull)
                .map(EventRow::customerId).filter(Objects::nonNull).filter(id -> !scope.includes(id))
                .distinct().toList();
        if (!outside.isEmpty()) {
            return refuse(HttpStatus.FORBIDDEN, PUBLISH, target,
                    "events of customers outside the principal's: " + outside + "; none was stored");
        }
        List<EventProblem> problems = intake.problems(reads);
        if (!problems.isEmpty()) {
            long invalid = problems.stream().map(EventProblem::index).distinct().count();
            String why = invalid + " of " + nodes.size() + " events are invalid; none was stored";
            audit.refused(PUBLISH, target, why);
            return ResponseEntity.badRequest().body(new Refused(why, problems));
        }
        EventIntake.Stored stored = intake.store(reads.stream().map(EventJson.Read::row).filter(Objects::nonNull)
                .toList(), "http");
        audit.accepted(PUBLISH, target + ": " + stored.accepted() + " accepted, " + stored.duplicate() + " duplicate");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Accepted(stored.accepted(), stored.duplicate()));
    }
}
