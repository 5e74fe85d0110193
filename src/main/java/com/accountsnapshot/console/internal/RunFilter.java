package com.accountsnapshot.console.internal;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * What the runs list is narrowed to; every field is optional.
 *
 * @param status a batch status (COMPLETED, FAILED, ...)
 * @param type a snapshot type code (manual, scheduled, ...)
 * @param trigger the run's trigger event, exactly
 * @param scope {@code portfolio}, {@code customer}, {@code account} or {@code events}
 * @param from runs created on or after this day (UTC)
 * @param to runs created on or before this day (UTC)
 */
public record RunFilter(@Nullable String status, @Nullable String type, @Nullable String trigger,
        @Nullable String scope, @Nullable LocalDate from, @Nullable LocalDate to) {

    public static final java.util.List<String> SCOPES = java.util.List.of("portfolio", "customer", "account", "events");
}
