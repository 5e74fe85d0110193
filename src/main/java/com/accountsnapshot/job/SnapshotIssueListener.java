package com.accountsnapshot.job;

import java.util.List;

import com.accountsnapshot.metrics.SnapshotMeters;
import com.accountsnapshot.metrics.SnapshotMeters.FilterReason;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotIssue;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotIssueRepository;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotIssueRepository.AccountIssue;

import org.springframework.batch.core.listener.SkipListener;

/**
 * Records the issues of accounts that produce no snapshot, inside the chunk's transaction: accounts
 * filtered with a reason worth recording (a newer snapshot already exists), handed over by the processor,
 * and accounts whose calculation failed; and counts them (with the reason each filtered account got no
 * snapshot). Warnings of written snapshots are recorded by the writer.
 */
class SnapshotIssueListener implements SkipListener<AccountContext, AccountSnapshot> {

    private final JdbcSnapshotIssueRepository issues;

    private final SnapshotMeters meters;

    private final long jobExecutionId;

    SnapshotIssueListener(JdbcSnapshotIssueRepository issues, SnapshotMeters meters, long jobExecutionId) {
        this.issues = issues;
        this.meters = meters;
        this.jobExecutionId = jobExecutionId;
    }

    /** The issues of an account the calculation filtered (none for a cooldown). */
    void filtered(AccountContext item, List<SnapshotIssue> found) {
        record(item, found);
        // only an account out of order is filtered with an issue (skipped); the cooldown filters silently
        meters.filtered(found.isEmpty() ? FilterReason.COOLDOWN : FilterReason.OUT_OF_ORDER);
    }

    @Override
    public void onSkipInProcess(AccountContext item, Throwable failure) {
        Throwable cause = failure instanceof SnapshotCalculationException ? failure.getCause() : failure;
        record(item, List.of(SnapshotIssue.skipped(null, "calculation failed: " + cause, null)));
    }

    private void record(AccountContext item, List<SnapshotIssue> found) {
        long accountId = item.account().accountId();
        issues.record(jobExecutionId, found.stream().map(issue -> new AccountIssue(accountId, issue)).toList());
        meters.recorded(found);
    }
}
