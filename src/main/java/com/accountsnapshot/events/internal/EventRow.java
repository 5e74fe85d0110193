package com.accountsnapshot.events.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event as stored in {@code snapshot_events}; its fields are as loose as the table's, so that an invalid event
 * can be recorded with its problem.
 *
 * @param payload the payload as JSON text
 * @param source outbox, amqp or http
 */
public record EventRow(
        String eventId,
        @Nullable String eventType,
        @Nullable Long customerId,
        @Nullable Long accountId,
        @Nullable Instant occurredAt,
        @Nullable String payload,
        String source) {
}
