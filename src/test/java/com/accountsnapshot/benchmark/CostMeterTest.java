package com.accountsnapshot.benchmark;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The cost of a contender from two samples: per 1,000 accounts for CPU, per snapshot for the log's bytes. */
class CostMeterTest {

    @Test
    void costsTheTwoSamplesApartPerThousandAccountsAndPerSnapshot() {
        // given: 2.5 s of the JVM's CPU, two backends (one connected in between) 310 ticks, 5,000,000 log bytes
        CostMeter.Sample before = new CostMeter.Sample(1_000_000_000L, Map.of(11, 100L), true, 80_000_000L);
        CostMeter.Sample after = new CostMeter.Sample(3_500_000_000L, Map.of(11, 350L, 12, 60L), true, 85_000_000L);

        // when
        CostMeter.Cost cost = CostMeter.between(before, after, 2_000);

        // then
        assertThat(cost.details()).isEqualTo("jvm_cpu_s_per_thousand=1.2500 pg_cpu_s_per_thousand=1.5500 "
                + "wal_bytes_per_snapshot=2500");
    }

    @Test
    void saysTheDatabasesCpuIsNotKnownWhenItsBackendsAreNotOnThisMachine() {
        CostMeter.Sample before = new CostMeter.Sample(0, Map.of(), false, 1_000);
        CostMeter.Sample after = new CostMeter.Sample(500_000_000L, Map.of(), false, 4_000);

        assertThat(CostMeter.between(before, after, 3).details()).isEqualTo("jvm_cpu_s_per_thousand=166.6667 "
                + "pg_cpu_s_per_thousand=n/a wal_bytes_per_snapshot=1000");
    }
}
