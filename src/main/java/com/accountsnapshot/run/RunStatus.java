package com.accountsnapshot.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;

/** A run's status as operators type it: a {@link BatchStatus} name in any case. */
public final class RunStatus {

    private RunStatus() {
    }

    /** The status {@code text} names, ignoring case and surrounding blanks; empty when it names none. */
    public static Optional<BatchStatus> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(BatchStatus.values()).filter(status -> status.name().equals(name)).findFirst();
    }

    /** The statuses there are, for a message refusing another: {@code [COMPLETED, STARTING, ...]}. */
    public static String known() {
        return Arrays.toString(BatchStatus.values());
    }
}
