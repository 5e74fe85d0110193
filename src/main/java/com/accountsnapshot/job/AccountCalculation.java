package com.accountsnapshot.job;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;

/**
 * What the step does with each account it reads: calculates its outcome, a snapshot or a filter with its
 * issues. The product's is {@link SnapshotCalculator#calculate}.
 */
@FunctionalInterface
public interface AccountCalculation {

    SnapshotOutcome calculate(AccountContext context, SnapshotRun run);
}
