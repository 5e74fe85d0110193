package com.accountsnapshot.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.accountsnapshot.job.AccountCalculation;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;

/** The product's calculation, except that it throws for the accounts a test chose, or overflows its stack. */
class FailingCalculation implements AccountCalculation {

    private final SnapshotCalculator calculator = new SnapshotCalculator();

    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    private final Set<Long> overflowing = ConcurrentHashMap.newKeySet();

    void failFor(Long... accountIds) {
        failing.addAll(Set.of(accountIds));
    }

    void overflowFor(Long... accountIds) {
        overflowing.addAll(Set.of(accountIds));
    }

    void reset() {
        failing.clear();
        overflowing.clear();
    }

    @Override
    public SnapshotOutcome calculate(AccountContext context, SnapshotRun run) {
        long accountId = context.account().accountId();
        if (failing.contains(accountId)) {
            throw new IllegalStateException("injected calculation failure for account " + accountId);
        }
        if (overflowing.contains(accountId)) {
            return overflow(context, run, 0);
        }
        return calculator.calculate(context, run);
    }

    /** Recurses until the thread's stack is exhausted, as a calculation over absurdly deep data would. */
    private SnapshotOutcome overflow(AccountContext context, SnapshotRun run, int depth) {
        SnapshotOutcome outcome = overflow(context, run, depth + 1);
        return depth < 0 ? calculator.calculate(context, run) : outcome;
    }
}
