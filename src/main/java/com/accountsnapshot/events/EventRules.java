package com.accountsnapshot.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.accountsnapshot.events.internal.EventRow;

/**
 * The checks every event passes, whichever way it came in: a known type, positive ids, an account that belongs
 * to the customer (or a customer that has accounts), an occurred_at not later than now plus the clock skew, an
 * event_id of 1 to 100 characters and a payload that is a JSON object of at most 64 KB.
 */
final class EventRules {

    static final int EVENT_ID_MAX_LENGTH = 100;

    static final int PAYLOAD_MAX_BYTES = 64 * 1024;

    private EventRules() {
    }

    /**
     * The problems of one event (none: it is valid).
     *
     * @param accountOwners the customer of each account the events name that exists
     * @param customersWithAccounts the customers the events name that have at least one account
     */
    static List<EventProblem> check(int index, EventRow event, Instant now, Duration maxClockSkew,
            Map<Long, Long> accountOwners, Set<Long> customersWithAccounts) {
        List<EventProblem> problems = new ArrayList<>();
        if (event.eventId().isEmpty() || event.eventId().length() > EVENT_ID_MAX_LENGTH) {
            problems.add(new EventProblem(index, "event_id", "must be 1 to " + EVENT_ID_MAX_LENGTH
                    + " characters long, not " + event.eventId().length()));
        }
        if (event.eventType() == null || EventType.of(event.eventType()).isEmpty()) {
            problems.add(new EventProblem(index, "event_type", (event.eventType() == null ? "is missing"
                    : "'" + event.eventType() + "' is not a known type") + "; known: "
                    + String.join(", ", Arrays.stream(EventType.values()).map(Enum::name).toList())));
        }
        boolean customerValid = checkId(index, "customer_id", event.customerId(), true, problems);
        boolean accountValid = checkId(index, "account_id", event.accountId(), false, problems);
        if (customerValid && accountValid) {
            checkOwnership(index, event, accountOwners, customersWithAccounts, problems);
        }
        if (event.occurredAt() == null) {
            problems.add(new EventProblem(index, "occurred_at", "is missing"));
        }
        else if (event.occurredAt().isAfter(now.plus(maxClockSkew))) {
            problems.add(new EventProblem(index, "occurred_at", event.occurredAt() + " is later than now ("
                    + now + ") plus the allowed clock skew of " + maxClockSkew));
        }
        if (event.payload() != null) {
            int bytes = event.payload().getBytes(StandardCharsets.UTF_8).length;
            if (!event.payload().strip().startsWith("{")) {
                problems.add(new EventProblem(index, "payload", "must be a JSON object"));
            }
            else if (bytes > PAYLOAD_MAX_BYTES) {
                problems.add(new EventProblem(index, "payload", "is " + bytes + " bytes long; at most "
                        + PAYLOAD_MAX_BYTES + " are allowed"));
            }
        }
        return problems;
    }

    private static boolean checkId(int index, String field, Long id, boolean required, List<EventProblem> problems) {
        if (id == null) {
            if (required) {
                problems.add(new EventProblem(index, field, "is missing"));
            }
            return !required;
        }
        if (id <= 0) {
            problems.add(new EventProblem(index, field, id + " is not a positive whole number"));
            return false;
        }
        return true;
    }

    private static void checkOwnership(int index, EventRow event, Map<Long, Long> accountOwners,
            Set<Long> customersWithAccounts, List<EventProblem> problems) {
        if (event.accountId() == null) {
            if (!customersWithAccounts.contains(event.customerId())) {
                problems.add(new EventProblem(index, "customer_id", "customer " + event.customerId()
                        + " has no accounts"));
            }
            return;
        }
        Long owner = accountOwners.get(event.accountId());
        if (owner == null) {
            problems.add(new EventProblem(index, "account_id", "account " + event.accountId() + " does not exist"));
        }
        else if (!owner.equals(event.customerId())) {
            problems.add(new EventProblem(index, "account_id", "account " + event.accountId()
                    + " does not belong to customer " + event.customerId()));
        }
    }
}
