package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The events benchmark's options as the command line gives them, and the percentile its latencies are read by. */
class EventBenchmarkOptionsTest {

    @Test
    void withoutOptionsTwoThousandAccountsTenThousandEventsAndTheDefaultAndOneSecondQuietPeriods() {
        EventBenchmarkOptions options = EventBenchmarkOptions.parse(Map.of());

        assertThat(options).isEqualTo(new EventBenchmarkOptions(2_000, 42, 10_000, false,
                List.of(Optional.empty(), Optional.of(Duration.ofSeconds(1)))));
    }

    @Test
    void quietPeriodsAreDefaultOrDurationsInTheirOrder() {
        EventBenchmarkOptions options = EventBenchmarkOptions.parse(Map.of("quiet-periods", "500ms, default,2m",
                "accounts", "40", "events", "100", "seed", "7", "reset", "true"));

        assertThat(options).isEqualTo(new EventBenchmarkOptions(40, 7, 100, true,
                List.of(Optional.of(Duration.ofMillis(500)), Optional.empty(), Optional.of(Duration.ofMinutes(2)))));
    }

    @Test
    void optionsThatCannotBeUsedAreRefusedByName() {
        assertThatThrownBy(() -> EventBenchmarkOptions.parse(Map.of("events", "10001")))
                .hasMessage("--events: '10001' is not a whole number from 1 to 10000");
        assertThatThrownBy(() -> EventBenchmarkOptions.parse(Map.of("accounts", "0")))
                .hasMessage("--accounts: '0' is not a whole number from 1 to 99999999");
        assertThatThrownBy(() -> EventBenchmarkOptions.parse(Map.of("quiet-periods", "default,0s")))
                .hasMessage("--quiet-periods: '0s' is neither default nor a positive duration such as 1s or 500ms");
        assertThatThrownBy(() -> EventBenchmarkOptions.parse(Map.of("quiet-periods", "soon")))
                .hasMessage("--quiet-periods: 'soon' is neither default nor a positive duration such as 1s or 500ms");
        assertThatThrownBy(() -> EventBenchmarkOptions.parse(Map.of("reset", "yes")))
                .hasMessage("--reset: 'yes' is not true or false");
    }

    @Test
    void percentileIsTheNearestRank() {
        List<Double> hundred = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> i / 10.0).toList();

        assertThat(SnapshotWatch.percentile(hundred, 50)).isEqualTo(5.0);
        assertThat(SnapshotWatch.percentile(hundred, 99)).isEqualTo(9.9);
        assertThat(SnapshotWatch.percentile(List.of(3.0, 7.0), 50)).isEqualTo(3.0);
        assertThat(SnapshotWatch.percentile(List.of(3.0, 7.0), 99)).isEqualTo(7.0);
        assertThat(SnapshotWatch.percentile(List.of(4.0), 1)).isEqualTo(4.0);
        assertThat(SnapshotWatch.percentile(List.of(), 50)).isNaN();
    }
}
