package com.accountsnapshot.snapshot;

import java.util.Arrays;
import java.util.Optional;

/** Why a snapshot was taken (docs/operations.md#run-parameters); each type has its own cooldown (docs/snapshot-fields.md#cooldown-and-out-of-order-snapshots). */
public enum SnapshotType {
    MANUAL, SCHEDULED, EVENT_DRIVEN, POST_UPLOAD, POST_HEALTH_CALC;

    /** The name stored in {@code snapshot_type} and given as the {@code snapshotType} parameter. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<SnapshotType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code().equals(code)).findFirst();
    }
}
