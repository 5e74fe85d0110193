package com.accountsnapshot.job;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotRun;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Calculates an account's snapshot; null when the account is filtered (cooldown, or a newer snapshot). */
class SnapshotItemProcessor implements ItemProcessor<AccountContext, AccountSnapshot> {

    private final SnapshotCalculator calculator;

    private final SnapshotRun run;

    SnapshotItemProcessor(SnapshotCalculator calculator, SnapshotRun run) {
        this.calculator = calculator;
        this.run = run;
    }

    @Override
    public @Nullable AccountSnapshot process(AccountContext item) {
        try {
            return calculator.calculate(item, run).snapshot();
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
