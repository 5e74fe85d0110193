package com.accountsnapshot.run;

import org.jspecify.annotations.Nullable;

/** A start, restart, stop or recover was refused; nothing was changed. The message says why, in one line. */
public class RunRefusedException extends RuntimeException {

    /** Why: each maps to a command-line exit code and an HTTP status. */
    public enum Reason {
        /** No execution has that id. */
        UNKNOWN_EXECUTION,
        /** The execution is not in a state that allows it (e.g. restart of a COMPLETED run). */
        WRONG_STATE,
        /** A run whose scope overlaps is going. */
        OVERLAP
    }

    private final Reason reason;

    private final @Nullable Long conflictingExecutionId;

    public RunRefusedException(Reason reason, String message, @Nullable Long conflictingExecutionId) {
        super(message);
        this.reason = reason;
        this.conflictingExecutionId = conflictingExecutionId;
    }

    public Reason reason() {
        return reason;
    }

    public @Nullable Long conflictingExecutionId() {
        return conflictingExecutionId;
    }
}
