package com.accountsnapshot.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the HTTP API ({@code account-snapshot.api.*}).
 *
 * @param defaultWait how long a single-account create with {@code "wait": true} waits for its run
 * @param maxWait the longest any create waits, whatever its {@code Prefer: wait=N} asks
 * @param contextNoteLength the characters of each note a snapshot's context shows; longer notes are cut, with an
 *         ellipsis
 */
@ConfigurationProperties("account-snapshot.api")
public record ApiProperties(
        @DefaultValue("30s") Duration defaultWait,
        @DefaultValue("2m") Duration maxWait,
        @DefaultValue("300") int contextNoteLength) {

    public ApiProperties {
        if (defaultWait.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("account-snapshot.api.default-wait and .max-wait must not be negative");
        }
        if (contextNoteLength < 1) {
            throw new IllegalArgumentException("account-snapshot.api.context-note-length must be at least 1, not "
                    + contextNoteLength);
        }
    }
}
