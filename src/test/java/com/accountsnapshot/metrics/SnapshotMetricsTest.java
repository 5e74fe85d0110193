package com.accountsnapshot.metrics;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.metrics.internal.JdbcSnapshotFreshnessQuery;
import com.accountsnapshot.run.SnapshotRuns;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters a monitoring stack scrapes, after real runs on the test database: Spring Batch's own, the product's
 * counters of snapshots, issues and filtered accounts, and the stale-accounts gauge, in the meter registry and
 * at {@code /actuator/prometheus}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "account-snapshot.job.chunk-size=2", "account-snapshot.metrics.freshness-refresh=0s",
                // the scrape is a monitoring system's, with the MONITOR role
                "account-snapshot.security.users.scraper.password={noop}scrape-secret",
                "account-snapshot.security.users.scraper.roles=MONITOR" })
class SnapshotMetricsTest {

    static final List<String> BATCH_METERS = List.of("spring.batch.job", "spring.batch.job.active",
            "spring.batch.step", "spring.batch.chunk.write");

    /** Off by default (application.properties); {@link ItemObservationsTest} turns them on. */
    static final List<String> ITEM_METERS = List.of("spring.batch.item.read", "spring.batch.item.process");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry registry;

    @LocalServerPort
    int port;

    TestPortfolio portfolio;

    @BeforeEach
    void cleanPortfolio() {
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
    }

    @Test
    void springBatchMetersOfARunAreRegisteredAndScraped() throws Exception {
        // given
        portfolio.numberedAccounts(3, "false");
        double jobsTimed = jobTimerCount();

        // when
        JobExecution execution = runs.run(Map.of("asOf", "2026-01-01T00:00:00Z"));

        // then
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        for (String name : BATCH_METERS) {
            assertThat(registry.find(name).meters()).as(name).isNotEmpty();
        }
        for (String name : ITEM_METERS) {
            assertThat(registry.find(name).meters()).as(name).isEmpty();
        }
        assertThat(jobTimerCount()).isEqualTo(jobsTimed + 1);
        assertThat(registry.find("spring.batch.step").tag("spring.batch.step.name", "accountSnapshotStep").timer())
                .isNotNull();
        String scrape = scrape();
        // Prometheus' names: timers in seconds, the long task timer of running jobs as a summary of its own
        assertThat(scrape).contains(
                "spring_batch_job_seconds_count{error=\"none\",spring_batch_job_name=\"accountSnapshotJob\"",
                "spring_batch_job_active_seconds_count{spring_batch_job_name=\"accountSnapshotJob\"} 0",
                "spring_batch_step_seconds_count{", "spring_batch_chunk_write_seconds_count{")
                .doesNotContain("spring_batch_item_read_seconds", "spring_batch_item_process_seconds");
    }

    @Test
    void snapshotsIssuesAndFilteredAccountsAreCountedByTag() throws Exception {
        // given: account 1 clean, account 2 with a CSM that is not text, account 3 with a date that is not one
        portfolio.account(1, 100, "Acme", "100.00", "active", null)
                .account(2, 100, "Globex", "200.00", "active", """
                        {"assigned_csm": 42}""")
                .account(3, 100, "Initech", "300.00", "active", """
                        {"engagement": {"last_qbr_date": "03/15/2026"}}""");
        Map<String, Double> before = counts();

        // when: account 1 alone, then a scheduled run of all three 12 hours later (account 1 within the
        // scheduled cooldown of 24 h), then account 2 as of a day earlier than its snapshot (out of order)
        runs.run(Map.of("asOf", "2026-01-01T00:00:00Z", "accountId", "1"));
        JobExecution scheduled = runs.run(Map.of("asOf", "2026-01-01T12:00:00Z", "snapshotType", "scheduled"));
        runs.run(Map.of("asOf", "2025-12-31T12:00:00Z", "accountId", "2"));

        // then
        assertThat(scheduled.getStepExecutions()).singleElement().satisfies(step -> {
            assertThat(step.getWriteCount()).isEqualTo(2);
            assertThat(step.getFilterCount()).isEqualTo(1);
        });
        Map<String, Double> after = counts();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        assertThat(after).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("written manual", before.get("written manual") + 1),
                Map.entry("written scheduled", before.get("written scheduled") + 2),
                Map.entry("written event_driven", before.get("written event_driven")),
                Map.entry("written post_upload", before.get("written post_upload")),
                Map.entry("written post_health_calc", before.get("written post_health_calc")),
                Map.entry("issues warning", before.get("issues warning") + 2),
                Map.entry("issues skipped", before.get("issues skipped") + 1),
                Map.entry("filtered cooldown", before.get("filtered cooldown") + 1),
                Map.entry("filtered out_of_order", before.get("filtered out_of_order") + 1)));
        assertThat(jdbc.queryForList("SELECT issue_type FROM snapshot_run_issues ORDER BY issue_type", String.class))
                .containsExactly("skipped", "warning", "warning");
        assertThat(scrape()).contains("account_snapshot_snapshots_written_total{type=\"scheduled\"}",
                "account_snapshot_issues_recorded_total{kind=\"warning\"}",
                "account_snapshot_accounts_filtered_total{reason=\"out_of_order\"}");
    }

    @Test
    void staleAccountsAreThoseWithAnOutdatedSnapshotOrNone() throws Exception {
        // given: customer 100's accounts snapshotted 30 hours ago, account 1 again an hour ago; account 4 never
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        portfolio.account(1, 100, "Acme", "100.00", "active", null)
                .account(2, 100, "Globex", "200.00", "active", null)
                .account(3, 100, "Initech", "300.00", "active", null)
                .account(4, 200, "Umbrella", "400.00", "active", null);
        runs.run(Map.of("asOf", now.minus(30, ChronoUnit.HOURS).toString(), "customerId", "100"));
        runs.run(Map.of("asOf", now.minus(1, ChronoUnit.HOURS).toString(), "accountId", "1"));

        // when
        double outdated = registry.get(SnapshotFreshness.STALE_ACCOUNTS).tag("reason", "outdated").gauge().value();
        double noSnapshot = registry.get(SnapshotFreshness.STALE_ACCOUNTS).tag("reason", "no_snapshot").gauge()
                .value();

        // then
        assertThat(outdated).isEqualTo(2.0);
        assertThat(noSnapshot).isEqualTo(1.0);
        assertThat(scrape()).contains("account_snapshot_accounts_stale{reason=\"outdated\"} 2.0",
                "account_snapshot_accounts_stale{reason=\"no_snapshot\"} 1.0");
    }

    @Test
    void oneCountOfStaleAccountsServesEveryScrapeUntilTheRefreshIsDue() {
        // given
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        TestClock clock = new TestClock(now);
        SnapshotFreshness freshness = new SnapshotFreshness(
                new JdbcSnapshotFreshnessQuery(new NamedParameterJdbcTemplate(jdbc)), Duration.ofHours(26),
                Duration.ofMinutes(1), clock);
        portfolio.account(1, 100, "Acme", "100.00", "active", null);
        assertThat(freshness.noSnapshot()).isEqualTo(1.0);

        // when: two more accounts appear within the refresh interval, then the interval passes
        portfolio.account(2, 100, "Globex", "200.00", "active", null)
                .account(3, 100, "Initech", "300.00", "active", null);
        clock.advance(Duration.ofSeconds(59));
        double withinInterval = freshness.noSnapshot();
        clock.advance(Duration.ofSeconds(1));
        double afterInterval = freshness.noSnapshot();

        // then
        assertThat(withinInterval).isEqualTo(1.0);
        assertThat(afterInterval).isEqualTo(3.0);
        assertThat(freshness.outdated()).isEqualTo(0.0);
    }

    @Test
    void theStaleAccountsQueryReadsTheHeadsNotTheHistory() {
        // given: the planner is kept from sequential scans, as it would choose on tables this small
        List<String> plan = jdbc.execute((ConnectionCallback<List<String>>) connection -> {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("SET LOCAL enable_seqscan = off");
                // when
                var rows = statement.executeQuery("EXPLAIN " + JdbcSnapshotFreshnessQuery.COUNT
                        .replace(":freshSince", "now()"));
                List<String> lines = new java.util.ArrayList<>();
                while (rows.next()) {
                    lines.add(rows.getString(1));
                }
                return lines;
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        });

        // then
        assertThat(String.join("\n", plan)).contains(" on account_snapshot_heads h")
                .doesNotContain("account_snapshots");
    }

    private double jobTimerCount() {
        return registry.find("spring.batch.job").tag("spring.batch.job.name", "accountSnapshotJob").timers().stream()
                .mapToDouble(timer -> timer.count()).sum();
    }

    /** Every tag of the product's three counters, as "written manual", "issues warning", "filtered cooldown". */
    private Map<String, Double> counts() {
        Map<String, Double> counts = new java.util.TreeMap<>();
        registry.find(SnapshotMeters.SNAPSHOTS_WRITTEN).counters()
                .forEach(counter -> counts.put("written " + counter.getId().getTag("type"), counter.count()));
        registry.find(SnapshotMeters.ISSUES_RECORDED).counters()
                .forEach(counter -> counts.put("issues " + counter.getId().getTag("kind"), counter.count()));
        registry.find(SnapshotMeters.ACCOUNTS_FILTERED).counters()
                .forEach(counter -> counts.put("filtered " + counter.getId().getTag("reason"), counter.count()));
        return counts;
    }

    /** A clock that moves only when told to. */
    static final class TestClock extends Clock {

        private Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private String scrape() {
        byte[] body = RestClient.create("http://localhost:" + port).get().uri("/actuator/prometheus")
                .headers(headers -> headers.setBasicAuth("scraper", "scrape-secret")).retrieve().body(byte[].class);
        return new String(body, StandardCharsets.UTF_8);
    }
}
