package com.accountsnapshot.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.accountsnapshot.metrics.internal.JdbcSnapshotFreshnessQuery;
import com.accountsnapshot.metrics.internal.JdbcSnapshotFreshnessQuery.Counts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;

/**
 * The gauge {@value #STALE_ACCOUNTS}: accounts whose latest snapshot is older than the freshness age (tag
 * {@code reason=outdated}) and accounts with no snapshot at all ({@code reason=no_snapshot}); their sum is every
 * account a dashboard or a churn model sees no recent state of. One count serves every scrape for the refresh
 * interval, so that scraping does not query the database each time; a count that fails is served as unknown
 * (NaN) for the same interval.
 */
public final class SnapshotFreshness implements MeterBinder {

    public static final String STALE_ACCOUNTS = "account_snapshot.accounts.stale";

    private static final Logger log = LoggerFactory.getLogger(SnapshotFreshness.class);

    private final JdbcSnapshotFreshnessQuery query;

    private final Duration age;

    private final Duration refresh;

    private final Clock clock;

    private @Nullable Counts counts;

    private @Nullable Instant countedAt;

    SnapshotFreshness(JdbcSnapshotFreshnessQuery query, Duration age, Duration refresh, Clock clock) {
        this.query = query;
        this.age = age;
        this.refresh = refresh;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(STALE_ACCOUNTS, this, SnapshotFreshness::outdated)
                .description("Accounts whose latest snapshot is older than the freshness age, or that have none")
                .tag("reason", "outdated").register(registry);
        Gauge.builder(STALE_ACCOUNTS, this, SnapshotFreshness::noSnapshot)
                .description("Accounts whose latest snapshot is older than the freshness age, or that have none")
                .tag("reason", "no_snapshot").register(registry);
    }

    /** Accounts whose latest snapshot is older than the freshness age, as of the last count. */
    double outdated() {
        return value(true);
    }

    /** Accounts with no snapshot, as of the last count. */
    double noSnapshot() {
        return value(false);
    }

    private synchronized double value(boolean outdated) {
        Instant now = clock.instant();
        if (countedAt == null || Duration.between(countedAt, now).compareTo(refresh) >= 0) {
            counts = count(now);
            countedAt = now;
        }
        if (counts == null) {
            return Double.NaN;
        }
        return outdated ? counts.outdated() : counts.noSnapshot();
    }

    private @Nullable Counts count(Instant now) {
        try {
            return query.count(now.minus(age));
        }
        catch (DataAccessException ex) {
            log.warn("Could not count the accounts without a recent snapshot: {}", ex.toString());
            return null;
        }
    }
}
