package com.accountsnapshot.metrics;

import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Batch's per-item observations, off by default ({@link SnapshotMetricsTest}), time every account read
 * and every account calculated once a user turns them on.
 */
@SpringBootTest(properties = { "management.observations.enable.spring.batch.item=true",
        "account-snapshot.job.partitioned=false" })
class ItemObservationsTest {

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @Test
    void turnedOnTheyTimeEveryAccountReadAndCalculated() throws Exception {
        // given
        new TestPortfolio(jdbc).clean().cleanJobRepository().numberedAccounts(3, "false");
        double read = count("spring.batch.item.read");
        double processed = count("spring.batch.item.process");

        // when
        JobExecution execution = runs.run(Map.of("asOf", "2026-01-01T00:00:00Z"));

        // then: three accounts read (and the read that finds the end), three calculated
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(count("spring.batch.item.read") - read).isEqualTo(4);
        assertThat(count("spring.batch.item.process") - processed).isEqualTo(3);
    }

    private double count(String name) {
        return registry.find(name).timers().stream().mapToDouble(Timer::count).sum();
    }
}
