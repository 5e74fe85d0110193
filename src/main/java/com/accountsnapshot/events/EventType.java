package com.accountsnapshot.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import com.accountsnapshot.snapshot.SnapshotType;

/** The platform's events that lead to snapshots, with the snapshot type of the runs they cause. */
public enum EventType {

    /** A KPI file upload has been saved, for its account(s). */
    KPI_DATA_UPLOADED(SnapshotType.POST_UPLOAD),
    /** Health trends created or recalculated (one account, or a whole customer after a roll-up). */
    HEALTH_SCORES_UPDATED(SnapshotType.POST_HEALTH_CALC),
    /** Profile metadata, revenue or status of an account changed. */
    ACCOUNT_DATA_CHANGED(SnapshotType.EVENT_DRIVEN),
    /** A playbook execution's status became completed. */
    PLAYBOOK_EXECUTION_COMPLETED(SnapshotType.EVENT_DRIVEN);

    private final SnapshotType snapshotType;

    EventType(SnapshotType snapshotType) {
        this.snapshotType = snapshotType;
    }

    public SnapshotType snapshotType() {
        return snapshotType;
    }

    /** The {@code trigger_event} of the snapshots this event causes: the type in lower case. */
    public String triggerEvent() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type named exactly (upper case, as the platform publishes it). */
    public static Optional<EventType> of(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }
}
