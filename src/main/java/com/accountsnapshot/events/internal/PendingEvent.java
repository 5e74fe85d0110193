package com.accountsnapshot.events.internal;

import java.time.Instant;

/** An event waiting to be cut into a batch, and when it arrived. */
public record PendingEvent(EventRow event, Instant receivedAt) {
}
