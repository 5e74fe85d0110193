package com.accountsnapshot.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.accountsnapshot.events.internal.EventRow;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one event from its JSON form ({@code event_id}, {@code event_type}, {@code customer_id},
 * {@code account_id}, {@code occurred_at}, {@code payload}), as HTTP and RabbitMQ deliver it. Fields of the wrong
 * JSON type are problems; the checks of {@link EventRules} come after.
 */
final class EventJson {

    static final Set<String> FIELDS = Set.of("event_id", "event_type", "customer_id", "account_id", "occurred_at",
            "payload");

    private EventJson() {
    }

    /** An event read from JSON: its row (null when it has no usable event_id) and what was wrong. */
    record Read(@Nullable EventRow row, List<EventProblem> problems) {
    }

    static Read read(int index, JsonNode node, String source) {
        List<EventProblem> problems = new ArrayList<>();
        if (!node.isObject()) {
            problems.add(new EventProblem(index, "event", "must be a JSON object"));
            return new Read(null, problems);
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                problems.add(new EventProblem(index, name, "unknown field; known: account_id, customer_id, "
                        + "event_id, event_type, occurred_at, payload"));
            }
        }
        String eventId = text(index, node, "event_id", problems);
        String eventType = text(index, node, "event_type", problems);
        Long customerId = id(index, node, "customer_id", problems);
        Long accountId = id(index, node, "account_id", problems);
        Instant occurredAt = instant(index, node, problems);
        JsonNode payload = node.get("payload");
        String payloadText = payload == null || payload.isNull() ? null : payload.toString();
        if (eventId == null) {
            if (problems.stream().noneMatch(problem -> problem.field().equals("event_id"))) {
                problems.add(new EventProblem(index, "event_id", "is missing"));
            }
            return new Read(null, problems);
        }
        return new Read(new EventRow(eventId, eventType, customerId, accountId, occurredAt, payloadText, source),
                problems);
    }

    private static @Nullable String text(int index, JsonNode node, String field, List<EventProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(new EventProblem(index, field, "must be a string"));
            return null;
        }
        return value.stringValue();
    }

    private static @Nullable Long id(int index, JsonNode node, String field, List<EventProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(new EventProblem(index, field, value + " is not a positive whole number"));
            return null;
        }
        return value.longValue();
    }

    private static @Nullable Instant instant(int index, JsonNode node, List<EventProblem> problems) {
        String text = text(index, node, "occurred_at", problems);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        }
        catch (DateTimeParseException ex) {
            problems.add(new EventProblem(index, "occurred_at", "'" + text
                    + "' is not an ISO-8601 instant such as 2026-11-28T10:00:00Z"));
            return null;
        }
    }
}
