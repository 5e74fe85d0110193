package com.accountsnapshot.job;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The accounts a run covers: the whole portfolio (all null), a customer's accounts, one account (with its
 * customer when known), or an event batch's accounts. Scopes overlap as portfolio ⊇ customer ⊇ account; whether an
 * event batch overlaps depends on its accounts' customers, which the run guard looks up.
 */
public record Scope(@Nullable Long customerId, @Nullable Long accountId, @Nullable Long eventBatchId) {

    public Scope(@Nullable Long customerId, @Nullable Long accountId) {
        this(customerId, accountId, null);
    }

    /**
     * Whether a run of this scope and one of {@code other} could snapshot the same account; for event batches only
     * when the other is the portfolio (the guard compares a batch's customers).
     */
    public boolean overlaps(Scope other) {
        if (isPortfolio() || other.isPortfolio()) {
            return true;
        }
        if (eventBatchId != null || other.eventBatchId != null) {
            return false;
        }
        if (accountId != null && other.accountId != null) {
            return accountId.equals(other.accountId);
        }
        return customerId != null && customerId.equals(other.customerId);
    }

    public boolean isPortfolio() {
        return customerId == null && accountId == null && eventBatchId == null;
    }

    /** The scope as a condition on {@code accounts}. */
    public Condition condition() {
        Map<String, Object> parameters = new HashMap<>();
        StringBuilder sql = new StringBuilder();
        if (customerId != null) {
            sql.append("customer_id = :customerId");
            parameters.put("customerId", customerId);
        }
        if (accountId != null) {
            sql.append(sql.isEmpty() ? "" : " AND ").append("account_id = :accountId");
            parameters.put("accountId", accountId);
        }
        if (eventBatchId != null) {
            sql.append(sql.isEmpty() ? "" : " AND ").append("account_id IN (SELECT account_id FROM "
                    + "snapshot_event_batch_accounts WHERE batch_id = :eventBatchId)");
            parameters.put("eventBatchId", eventBatchId);
        }
        return new Condition(sql.isEmpty() ? "true" : sql.toString(), parameters);
    }

    /** A short description, as messages name a run: the portfolio, a customer, or an account. */
    public String description() {
        if (eventBatchId != null) {
            return "event batch " + eventBatchId;
        }
        if (accountId != null) {
            return customerId == null ? "account " + accountId : "account " + accountId + " of customer " + customerId;
        }
        return customerId == null ? "portfolio" : "customer " + customerId;
    }

    /** The {@link #description()}, so that a scope reads in a message as it is named there. */
    @Override
    public String toString() {
        return description();
    }

    /** A SQL condition on {@code accounts} with its named parameters. */
    public record Condition(String sql, Map<String, Object> parameters) {

        public Condition {
            parameters = Map.copyOf(parameters);
        }

        /** The same condition limited to account ids from {@code min} to {@code max}, both included. */
        public Condition between(long min, long max) {
            Map<String, Object> narrowed = new HashMap<>(parameters);
            narrowed.put("minAccountId", min);
            narrowed.put("maxAccountId", max);
            return new Condition(sql + " AND account_id BETWEEN :minAccountId AND :maxAccountId", narrowed);
        }
    }
}
