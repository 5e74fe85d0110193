package com.accountsnapshot.job;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.accountsnapshot.snapshot.SnapshotType;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The parameters of one snapshot run (docs/operations.md#run-parameters), typed and checked. {@code asOf},
 * {@code snapshotType}, {@code customerId}, {@code accountId} and {@code eventBatchId} identify the job instance;
 * {@code reason}, {@code triggerEvent} and {@code force} do not. A run with {@code eventBatchId} covers that event
 * batch's accounts.
 */
public record SnapshotRequest(
        Instant asOf,
        SnapshotType type,
        @Nullable Long customerId,
        @Nullable Long accountId,
        @Nullable String reason,
        @Nullable String triggerEvent,
        boolean force,
        @Nullable Long eventBatchId) {

    public static final String AS_OF = "asOf";
    public static final String SNAPSHOT_TYPE = "snapshotType";
    public static final String CUSTOMER_ID = "customerId";
    public static final String ACCOUNT_ID = "accountId";
    public static final String REASON = "reason";
    public static final String TRIGGER_EVENT = "triggerEvent";
    public static final String FORCE = "force";
    public static final String EVENT_BATCH_ID = "eventBatchId";

    static final Set<String> NAMES = Set.of(AS_OF, SNAPSHOT_TYPE, CUSTOMER_ID, ACCOUNT_ID, REASON, TRIGGER_EVENT, FORCE,
            EVENT_BATCH_ID);

    static final int REASON_MAX_LENGTH = 255;
    static final int TRIGGER_EVENT_MAX_LENGTH = 100;

    /**
     * Parses parameters given as text (command line, HTTP, schedule). A missing {@code asOf} is {@code now}
     * truncated to the second; a missing type is {@code manual}.
     *
     * @throws InvalidSnapshotRequestException naming the first bad parameter
     */
    public static SnapshotRequest parse(Map<String, String> parameters, Instant now) {
        for (String name : parameters.keySet()) {
            if (!NAMES.contains(name)) {
                throw new InvalidSnapshotRequestException(name, "unknown parameter; known: " + String.join(", ",
                        new java.util.TreeSet<>(NAMES)));
            }
        }
        Instant asOf = blankToNull(parameters.get(AS_OF)) == null ? now.truncatedTo(ChronoUnit.SECONDS)
                : parseInstant(parameters.get(AS_OF));
        String typeCode = blankToNull(parameters.get(SNAPSHOT_TYPE));
        SnapshotType type = typeCode == null ? SnapshotType.MANUAL : SnapshotType.fromCode(typeCode)
                .orElseThrow(() -> new InvalidSnapshotRequestException(SNAPSHOT_TYPE, "'" + typeCode
                        + "' is not one of manual, scheduled, event_driven, post_upload, post_health_calc"));
        Long customerId = parseId(CUSTOMER_ID, parameters.get(CUSTOMER_ID));
        Long accountId = parseId(ACCOUNT_ID, parameters.get(ACCOUNT_ID));
        String reason = checkLength(REASON, parameters.get(REASON), REASON_MAX_LENGTH);
        String triggerEvent = checkLength(TRIGGER_EVENT, parameters.get(TRIGGER_EVENT), TRIGGER_EVENT_MAX_LENGTH);
        boolean force = parseBoolean(FORCE, parameters.get(FORCE));
        Long eventBatchId = parseId(EVENT_BATCH_ID, parameters.get(EVENT_BATCH_ID));
        return new SnapshotRequest(asOf, type, customerId, accountId, reason, triggerEvent, force, eventBatchId);
    }

    /**
     * The request a job execution was launched with (a restart reuses them unchanged). {@code force} is read as
     * the Boolean it is now launched with, or as the text {@code "true"}/{@code "false"} executions launched by
     * earlier versions hold. The run's shape ({@link RunShape}) is not part of the request.
     */
    public static SnapshotRequest from(JobParameters parameters) {
        Map<String, String> text = new LinkedHashMap<>();
        parameters.parameters().stream().filter(parameter -> !RunShape.NAMES.contains(parameter.name()))
                .forEach(parameter -> text.put(parameter.name(), String.valueOf(parameter.value())));
        return parse(text, Instant.EPOCH);
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(AS_OF, asOf.toString(), true)
                .addString(SNAPSHOT_TYPE, type.code(), true);
        if (customerId != null) {
            builder.addLong(CUSTOMER_ID, customerId, true);
        }
        if (accountId != null) {
            builder.addLong(ACCOUNT_ID, accountId, true);
        }
        if (eventBatchId != null) {
            builder.addLong(EVENT_BATCH_ID, eventBatchId, true);
        }
        if (reason != null) {
            builder.addString(REASON, reason, false);
        }
        if (triggerEvent != null) {
            builder.addString(TRIGGER_EVENT, triggerEvent, false);
        }
        builder.addJobParameter(FORCE, force, Boolean.class, false);
        return builder.toJobParameters();
    }

    /** The accounts the run covers. */
    public Scope scope() {
        return new Scope(customerId, accountId, eventBatchId);
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text.trim()).truncatedTo(ChronoUnit.MICROS);
        }
        catch (DateTimeParseException ex) {
            throw new InvalidSnapshotRequestException(AS_OF, "'" + text
                    + "' is not an ISO-8601 instant such as 2026-11-28T02:00:00Z");
        }
    }

    private static @Nullable Long parseId(String name, @Nullable String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        return PositiveId.parse(value.trim()).orElseThrow(() -> new InvalidSnapshotRequestException(name,
                "'" + text + "' is not a positive whole number"));
    }

    private static @Nullable String checkLength(String name, @Nullable String text, int max) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            throw new InvalidSnapshotRequestException(name, "is " + text.length() + " characters long; at most "
                    + max + " are allowed");
        }
        return text;
    }

    private static boolean parseBoolean(String name, @Nullable String text) {
        String value = blankToNull(text);
        if (value == null) {
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSnapshotRequestException(name, "'" + text + "' is not true or false");
        };
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
