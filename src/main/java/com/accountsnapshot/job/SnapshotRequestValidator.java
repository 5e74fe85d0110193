package com.accountsnapshot.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Checks a run before it is launched: its as-of instant lies between {@code account-snapshot.job.min-as-of}
 * (default 2000-01-01T00:00:00Z) and now plus {@code account-snapshot.job.max-clock-skew} (default 5m), since a
 * snapshot of the future would make every later run filter its accounts as out of order; and its scope exists:
 * the account exists and belongs to the given customer, the customer has accounts.
 */
@Component
public class SnapshotRequestValidator {

    private final JdbcTemplate jdbc;

    private final Duration maxClockSkew;

    private final Instant minAsOf;

    private final Clock clock = Clock.systemUTC();

    SnapshotRequestValidator(JdbcTemplate jdbc,
            @Value("${account-snapshot.job.max-clock-skew:5m}") Duration maxClockSkew,
            @Value("${account-snapshot.job.min-as-of:2000-01-01T00:00:00Z}") Instant minAsOf) {
        this.jdbc = jdbc;
        this.maxClockSkew = maxClockSkew;
        this.minAsOf = minAsOf;
    }

    /** @throws InvalidSnapshotRequestException naming the parameter whose value is out of range or does not exist */
    public void validate(SnapshotRequest request) {
        Instant latest = clock.instant().plus(maxClockSkew);
        if (request.asOf().isAfter(latest)) {
            throw new InvalidSnapshotRequestException(SnapshotRequest.AS_OF, "the as-of instant " + request.asOf()
                    + " is later than now plus " + maxClockSkew.toString().substring(2).toLowerCase()
                    + " (" + latest + "); a snapshot of the future would hold every later run back");
        }
        if (request.asOf().isBefore(minAsOf)) {
            throw new InvalidSnapshotRequestException(SnapshotRequest.AS_OF, "the as-of instant " + request.asOf()
                    + " is earlier than " + minAsOf + " (account-snapshot.job.min-as-of)");
        }
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
