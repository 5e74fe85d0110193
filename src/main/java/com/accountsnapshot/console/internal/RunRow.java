package com.accountsnapshot.console.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** One line of the runs list: what ran, over which accounts, how long it took and what it counted. */
public record RunRow(long executionId, String status, String exitCode, String type, @Nullable String trigger,
        String scope, @Nullable String asOf, @Nullable Long eventBatchId, @Nullable Instant created,
        @Nullable Duration duration, long read, long written, long filtered, long skipped) {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    /** When it was created, in UTC to the second. */
    public String createdText() {
        return created == null ? "" : UTC.format(created);
    }

    /** Its duration in seconds to a tenth, or a dash while it has not ended. */
    public String durationText() {
        return duration == null ? "-" : String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
