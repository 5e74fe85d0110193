package com.accountsnapshot.job;

/** The calculation of one account failed unexpectedly: the account is skipped and the run goes on. */
public class SnapshotCalculationException extends RuntimeException {

    private final long accountId;

    public SnapshotCalculationException(long accountId, Throwable cause) {
        super("Snapshot of account " + accountId + " failed: " + cause, cause);
        this.accountId = accountId;
    }

    public long accountId() {
        return accountId;
    }
}
