package com.accountsnapshot.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts a run covers, as a condition on {@code accounts} with named parameters: the whole portfolio,
 * a customer's accounts, one account, an event batch's accounts, optionally narrowed to an account_id range (a
 * partition).
 */
public record AccountScope(String condition, Map<String, Object> parameters) {

    public static AccountScope of(SnapshotRequest request) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (request.customerId() != null) {
            conditions.add("customer_id = :customerId");
            parameters.put("customerId", request.customerId());
        }
        if (request.accountId() != null) {
            conditions.add("account_id = :accountId");
            parameters.put("accountId", request.accountId());
        }
        if (request.eventBatchId() != null) {
            conditions.add("account_id IN (SELECT account_id FROM snapshot_event_batch_accounts "
                    + "WHERE batch_id = :eventBatchId)");
            parameters.put("eventBatchId", request.eventBatchId());
        }
        return new AccountScope(conditions.isEmpty() ? "true" : String.join(" AND ", conditions), parameters);
    }

    /** The same scope limited to account ids from {@code min} to {@code max}, both included. */
    public AccountScope between(long min, long max) {
        Map<String, Object> narrowed = new HashMap<>(parameters);
        narrowed.put("minAccountId", min);
        narrowed.put("maxAccountId", max);
        return new AccountScope(condition + " AND account_id BETWEEN :minAccountId AND :maxAccountId", narrowed);
    }
}
