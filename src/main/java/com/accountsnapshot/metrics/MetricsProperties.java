package com.accountsnapshot.metrics;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tunables of the product's meters ({@code account-snapshot.metrics.*}).
 *
 * @param freshnessAge an account whose latest snapshot is older than this counts as stale
 * @param freshnessRefresh how long one count of stale accounts is served before the database is asked again
 * (0: every scrape asks)
 */
@ConfigurationProperties("account-snapshot.metrics")
record MetricsProperties(@DefaultValue("26h") Duration freshnessAge, @DefaultValue("1m") Duration freshnessRefresh) {

    MetricsProperties {
        if (freshnessAge.isNegative() || freshnessAge.isZero()) {
            throw new IllegalArgumentException(
                    "account-snapshot.metrics.freshness-age must be positive, was " + freshnessAge);
        }
        if (freshnessRefresh.isNegative()) {
            throw new IllegalArgumentException(
                    "account-snapshot.metrics.freshness-refresh must not be negative, was " + freshnessRefresh);
        }
    }
}
