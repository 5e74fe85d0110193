package com.accountsnapshot.snapshot;

import java.util.Arrays;
import java.util.Optional;

/** Why a snapshot was taken (SPEC §3); each type has its own cooldown (SPEC §5). */
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
