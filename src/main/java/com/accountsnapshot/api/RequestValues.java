package com.accountsnapshot.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import com.accountsnapshot.job.PositiveId;
import org.jspecify.annotations.Nullable;

/** Reads ids and paging values from paths and query strings, refusing what is not one. */
final class RequestValues {

    /** The most rows one answer holds. */
    static final int MAX_SIZE = 200;

    private RequestValues() {
    }

    /** A positive id of at most 18 digits, like the job parameters take (docs/operations.md#run-parameters). */
    static long id(String field, String text) {
        return PositiveId.parse(text).orElseThrow(() -> new BadRequestException(field,
                "'" + text + "' is not a positive whole number"));
    }

    static int page(int page) {
        if (page < 0) {
            throw new BadRequestException("page", page + " is negative");
        }
        return page;
    }

    /** At least 1; larger than {@link #MAX_SIZE} is read as {@link #MAX_SIZE}. */
    static int size(String field, int size) {
        if (size < 1) {
            throw new BadRequestException(field, size + " is not a positive number");
        }
        return Math.min(size, MAX_SIZE);
    }

    /** A required query parameter: refused when absent or blank. */
    static String required(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(field, "is required");
        }
        return text;
    }

    /** A positive whole number given as text, at most {@code max}; {@code fallback} when absent. */
    static int positive(String field, @Nullable String text, int fallback, int max) {
        if (text == null) {
            return fallback;
        }
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) == 0) {
            throw new BadRequestException(field, "'" + text + "' is not a positive whole number");
        }
        int value = Integer.parseInt(text);
        if (value > max) {
            throw new BadRequestException(field, value + " is more than " + max);
        }
        return value;
    }

    /**
     * The instant a date or date-time names: {@code 2026-11-01} (midnight UTC), {@code 2026-11-01T08:00:00}
     * (UTC), or with an offset ({@code 2026-11-01T08:00:00Z}, {@code ...+01:00}).
     */
    static Instant dateOrTime(String field, String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            }
            catch (DateTimeParseException withoutOffset) {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
        }
        catch (DateTimeParseException ex) {
            throw new BadRequestException(field, "'" + text
                    + "' is not a date (2026-11-01) or an ISO-8601 date-time (2026-11-01T08:00:00Z)");
        }
    }
}
