package com.accountsnapshot.job;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks a run's scope against the database before it is launched: the account exists and belongs to the
 * given customer, the customer has accounts.
 */
@Component
public class SnapshotRequestValidator {

    private final JdbcTemplate jdbc;

    SnapshotRequestValidator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @throws InvalidSnapshotRequestException naming the parameter whose value does not exist */
    public void validate(SnapshotRequest request) {
        if (request.eventBatchId() != null) {
            Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM snapshot_event_batches WHERE batch_id = ?)",
                    Boolean.class, request.eventBatchId());
            if (!Boolean.TRUE.equals(known)) {
                throw new InvalidSnapshotRequestException(SnapshotRequest.EVENT_BATCH_ID,
                        "event batch " + request.eventBatchId() + " does not exist");
            }
        }
        if (request.accountId() != null) {
            List<Long> customer = jdbc.queryForList("SELECT customer_id FROM accounts WHERE account_id = ?",
                    Long.class, request.accountId());
            if (customer.isEmpty()) {
                throw new InvalidSnapshotRequestException(SnapshotRequest.ACCOUNT_ID,
                        "account " + request.accountId() + " does not exist");
            }
            if (request.customerId() != null && !customer.get(0).equals(request.customerId())) {
                throw new InvalidSnapshotRequestException(SnapshotRequest.ACCOUNT_ID, "account " + request.accountId()
                        + " does not belong to customer " + request.customerId());
            }
        }
        else if (request.customerId() != null) {
            Boolean any = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM accounts WHERE customer_id = ?)",
                    Boolean.class, request.customerId());
            if (!Boolean.TRUE.equals(any)) {
                throw new InvalidSnapshotRequestException(SnapshotRequest.CUSTOMER_ID,
                        "customer " + request.customerId() + " has no accounts");
            }
        }
    }
}
