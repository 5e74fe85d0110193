package com.accountsnapshot.api;

import java.util.Map;

import com.accountsnapshot.job.SnapshotRequest;

/** A run's parameters as the API spells them (snake_case, like the create body) by their job parameter names. */
final class ParameterNames {

    private static final Map<String, String> API_NAMES = Map.of(
            SnapshotRequest.AS_OF, "as_of",
            SnapshotRequest.SNAPSHOT_TYPE, "snapshot_type",
            SnapshotRequest.CUSTOMER_ID, "customer_id",
            SnapshotRequest.ACCOUNT_ID, "account_id",
            SnapshotRequest.REASON, "reason",
            SnapshotRequest.TRIGGER_EVENT, "trigger_event",
            SnapshotRequest.FORCE, "force");

    private ParameterNames() {
    }

    /** {@code accountId} to {@code account_id}; a name that is no run parameter stays as it is. */
    static String apiName(String jobParameter) {
        return API_NAMES.getOrDefault(jobParameter, jobParameter);
    }
}
