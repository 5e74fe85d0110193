package com.accountsnapshot.job;

import org.springframework.batch.core.step.skip.SkipLimitExceededException;
import org.springframework.batch.core.step.skip.SkipPolicy;

/**
 * Skips an account whose calculation failed, up to a limit per step execution; past the limit the run
 * fails (restartable). Read and write failures are never skipped: they fail the run.
 */
class CalculationSkipPolicy implements SkipPolicy {

    private final long skipLimit;

    CalculationSkipPolicy(long skipLimit) {
        this.skipLimit = skipLimit;
    }

    @Override
    public boolean shouldSkip(Throwable failure, long skipCount) throws SkipLimitExceededException {
        if (!(failure instanceof SnapshotCalculationException)) {
            return false;
        }
        if (skipCount >= skipLimit) {
            throw new SkipLimitExceededException(skipLimit, failure);
        }
        return true;
    }
}
