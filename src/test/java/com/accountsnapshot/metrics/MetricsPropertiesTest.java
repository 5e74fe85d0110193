package com.accountsnapshot.metrics;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsPropertiesTest {

    @Test
    void freshnessAgeMustBePositive() {
        assertThatThrownBy(() -> new MetricsProperties(Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account-snapshot.metrics.freshness-age must be positive, was PT0S");
    }

    @Test
    void freshnessRefreshMustNotBeNegative() {
        assertThatThrownBy(() -> new MetricsProperties(Duration.ofHours(26), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("account-snapshot.metrics.freshness-refresh must not be negative, was PT-1S");
    }
}
