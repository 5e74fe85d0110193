package com.accountsnapshot.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/events}: the platform's events over HTTP, one or an array of up to 10,000. */
@RestController
class EventsController {

    static final int MAX_EVENTS = 10_000;

    private final EventIntake intake;

    EventsController(EventIntake intake) {
        this.intake = intake;
    }

    /** The answer to accepted events. */
    record Accepted(int accepted, int duplicate) {
    }

    /** The answer to a request with invalid events: each problem with the event's index and the field. */
    record Refused(String error, List<EventProblem> problems) {
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
