package com.accountsnapshot.job;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Calculates an account's snapshot; null when the account is filtered (cooldown, or a newer snapshot), whose
 * issues it hands to the issue listener as they are found: each account is calculated once.
 */
class SnapshotItemProcessor implements ItemProcessor<AccountContext, AccountSnapshot> {

    private final AccountCalculation calculation;

    private final SnapshotRun run;

    private final SnapshotIssueListener issues;

    SnapshotItemProcessor(AccountCalculation calculation, SnapshotRun run, SnapshotIssueListener issues) {
        this.calculation = calculation;
        this.run = run;
        this.issues = issues;
    }

    @Override
    public @Nullable AccountSnapshot process(AccountContext item) {
        SnapshotOutcome outcome = calculate(item);
        if (outcome.isFiltered()) {
            issues.filtered(item, outcome.issues());
        }
        return outcome.snapshot();
    }

    private SnapshotOutcome calculate(AccountContext item) {
        try {
            return calculation.calculate(item, run);
        }
        catch (RuntimeException ex) {
            throw new SnapshotCalculationException(item.account().accountId(), ex);
        }
        catch (StackOverflowError ex) {
            // one account's data too deep for the calculation: its own failure, skipped like any other (an
            // OutOfMemoryError or any other Error is the process's failure, and fails the run)
            throw new SnapshotCalculationException(item.account().accountId(), ex);
        }
    }
}
