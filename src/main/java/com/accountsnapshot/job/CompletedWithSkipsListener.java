package com.accountsnapshot.job;

import java.time.Instant;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.PreviousSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemProcessListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Ends a step that completed but left accounts out with the exit code {@value #COMPLETED_WITH_SKIPS}, which
 * the job takes over from its step: a run that skipped accounts, or in which every account read already had a
 * later snapshot than the run's as-of (out of order: nothing could be snapshotted), reads differently from a
 * clean one (docs/snapshot-fields.md#bad-source-data), while its status stays COMPLETED. Out-of-order accounts are counted in the step's
 * execution context, saved with each chunk, so a restarted step goes on counting.
 */
class CompletedWithSkipsListener implements StepExecutionListener, ItemProcessListener<AccountContext, AccountSnapshot> {

    static final String COMPLETED_WITH_SKIPS = "COMPLETED WITH SKIPS";

    static final String OUT_OF_ORDER = "outOfOrder.count";

    static final String OUT_OF_ORDER_LATEST = "outOfOrder.latest";

    @Override
    public void afterProcess(AccountContext item, @Nullable AccountSnapshot result) {
        PreviousSnapshot latest = item.latestSnapshot();
        StepExecution step = currentStep();
        if (result != null || latest == null || step == null) {
            return;
        }
        String asOf = step.getJobParameters().getString(SnapshotRequest.AS_OF);
        if (asOf == null || !item.hasSnapshotAfter(Instant.parse(asOf))) {
            return;
        }
        ExecutionContext context = step.getExecutionContext();
        context.putLong(OUT_OF_ORDER, context.getLong(OUT_OF_ORDER, 0) + 1);
        String known = context.getString(OUT_OF_ORDER_LATEST, "");
        if (known.isEmpty() || latest.snapshotTimestamp().isAfter(Instant.parse(known))) {
            context.putString(OUT_OF_ORDER_LATEST, latest.snapshotTimestamp().toString());
        }
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
            return null;
        }
        if (stepExecution.getSkipCount() > 0) {
            return new ExitStatus(COMPLETED_WITH_SKIPS, stepExecution.getSkipCount() + " accounts skipped");
        }
        long outOfOrder = stepExecution.getExecutionContext().getLong(OUT_OF_ORDER, 0);
        if (outOfOrder > 0 && outOfOrder == stepExecution.getReadCount()) {
            return new ExitStatus(COMPLETED_WITH_SKIPS, outOfOrder + " of " + outOfOrder
                    + " accounts already have a later snapshot (latest at "
                    + stepExecution.getExecutionContext().getString(OUT_OF_ORDER_LATEST) + ")");
        }
        return null;
    }

    private static @Nullable StepExecution currentStep() {
        var context = StepSynchronizationManager.getContext();
        return context == null ? null : context.getStepExecution();
    }
}
