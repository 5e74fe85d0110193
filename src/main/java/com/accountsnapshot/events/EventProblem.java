package com.accountsnapshot.events;

/**
 * What is wrong with an event.
 *
 * @param index the event's position in the request (0 when it came alone)
 * @param field the field at fault, as named in the event ({@code event_id}, {@code account_id}, ...)
 */
public record EventProblem(int index, String field, String problem) {

    /** The problem as stored in {@code snapshot_events.problem} and sent in the dead-letter header. */
    public String text() {
        return field + ": " + problem;
    }
}
