package com.accountsnapshot.reliability;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;

/** The product's calculator, except that it throws for the accounts a test chose. */
class FailingSnapshotCalculator extends SnapshotCalculator {

    private final Set<Long> failing = ConcurrentHashMap.newKeySet();

    void failFor(Long... accountIds) {
        failing.addAll(Set.of(accountIds));
    }

    void reset() {
        failing.clear();
    }

    @Override
    public SnapshotOutcome calculate(AccountContext context, SnapshotRun run) {
        long accountId = context.account().accountId();
        if (failing.contains(accountId)) {
            throw new IllegalStateException("injected calculation failure for account " + accountId);
        }
        return super.calculate(context, run);
    }
}
