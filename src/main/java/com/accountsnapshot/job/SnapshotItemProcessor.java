package com.accountsnapshot.job;

import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotIssue;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Calculates an account's snapshot; null when the account is filtered (cooldown, or a newer snapshot), whose
 * issues it hands to the issue listener as they are found: each account is calculated once. Every line logged
 * while an account is processed carries its id in the MDC ({@value RunLogContext#ACCOUNT_ID}).
 */
class SnapshotItemProcessor implements ItemProcessor<AccountContext, AccountSnapshot> {

    private static final Logger log = LoggerFactory.getLogger(SnapshotItemProcessor.class);

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
        long accountId = item.account().accountId();
        MDC.put(RunLogContext.ACCOUNT_ID, Long.toString(accountId));
        try {
            SnapshotOutcome outcome = calculate(item, accountId);
            outcome.issues().stream().filter(issue -> SnapshotIssue.SKIPPED.equals(issue.type()))
                    .forEach(issue -> log.info("Account {} skipped: {}", accountId, issue.problem()));
            if (outcome.isFiltered()) {
                issues.filtered(item, outcome.issues());
            }
            return outcome.snapshot();
        }
        finally {
            MDC.remove(RunLogContext.ACCOUNT_ID);
        }
    }

    private SnapshotOutcome calculate(AccountContext item, long accountId) {
        try {
            return calculation.calculate(item, run);
        }
        catch (RuntimeException ex) {
            log.warn("Account {} skipped: calculation failed: {}", accountId, ex.toString());
            throw new SnapshotCalculationException(accountId, ex);
        }
        catch (StackOverflowError ex) {
            // one account's data too deep for the calculation: its own failure, skipped like any other (an
            // OutOfMemoryError or any other Error is the process's failure, and fails the run)
            log.warn("Account {} skipped: calculation failed: {}", accountId, ex.toString());
            throw new SnapshotCalculationException(accountId, ex);
        }
    }
}
