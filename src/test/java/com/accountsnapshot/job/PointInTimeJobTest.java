package com.accountsnapshot.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot as of T reads only the related rows that existed at T: a run made up hours late, or a backfill,
 * gives the snapshot a run at T would have given, and rerunning T gives it again whatever was added since.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class PointInTimeJobTest {

    static final Instant T = Instant.parse("2026-11-28T02:00:00Z");

    /** What a snapshot is compared on: its fields, not the row's or the run's identity. */
    private static final List<String> IDENTITY = List.of("snapshot_id", "job_instance_id", "job_execution_id",
            "created_at");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    TestPortfolio portfolio;

    @BeforeEach
    void seed() {
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        portfolio.account(1, 100, "Acme", "1000.00", "active", null);
        // before T, at T exactly, without a time, and after T (the hours a late fire or a backfill would see)
        portfolio.note(1, 100, 1, T.minus(Duration.ofDays(1))).note(1, 100, 2, T).note(1, 100, 3, T.plusSeconds(6 * 3600));
        portfolio.report(1L, 100, 1, T.minus(Duration.ofDays(2))).report(1L, 100, 2, T.plusSeconds(3600));
        portfolio.execution(1L, 100, 1, "early-done", "completed", T.minus(Duration.ofDays(10)),
                        T.minus(Duration.ofDays(5)))
                .execution(1L, 100, 2, "done-later", "completed", T.minus(Duration.ofDays(3)), T.plusSeconds(3600))
                .execution(1L, 100, 3, "failed-later", "failed", T.minus(Duration.ofDays(2)), T.plusSeconds(7200))
                .execution(1L, 100, 4, "future", "in-progress", T.plusSeconds(3600), null)
                .execution(1L, 100, 5, "cancelled-before", "cancelled", T.minus(Duration.ofDays(4)),
                        T.minus(Duration.ofDays(1)));
        portfolio.trend(1, 100, 2026, 10, "70.00", "70.00", "70.00", "70.00", "70.00", "70.00")
                .trend(1, 100, 2026, 11, "75.00", "76.00", "77.00", "78.00", "79.00", "80.00")
                .trend(1, 100, 2026, 12, "99.00", "99.00", "99.00", "99.00", "99.00", "99.00");
        portfolio.product(1, 100, 10, "CRM", T.minus(Duration.ofDays(30)))
                .product(1, 100, 11, "Billing", T.plusSeconds(3600))
                .product(1, 100, 12, "Untimed", null);
        portfolio.kpi(1, 100, 1, null, "Support", "Unlisted Metric", "10", "high", T.minus(Duration.ofDays(1)))
                .kpi(1, 100, 2, null, "Support", "Unlisted Metric", "60", "high", T.plusSeconds(3600))
                .kpi(1, 100, 3, null, "Support", "Unlisted Metric", "90", "low", null);
    }

    @Test
    void snapshotAsOfTReadsOnlyTheRowsThatExistedAtT() throws Exception {
        // when
        assertThat(runs.run(Map.of("asOf", T.toString())).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then: notes 1 and 2 (3 came 6 h later), report 1; products 10 and 12; KPIs 1 (critical) and 3 (healthy);
        // the 2026-11 trend month (12 starts after T); execution 4 had not started, 2 and 3 ended after T
        Map<String, Object> snapshot = snapshot();
        assertThat(snapshot).containsEntry("recent_csm_note_ids", "[2, 1]")
                .containsEntry("recent_playbook_report_ids", "[1]")
                .containsEntry("products_used", "[\"CRM\", \"Untimed\"]")
                .containsEntry("product_count", 2)
                .containsEntry("primary_product", "CRM")
                .containsEntry("total_kpis", 2)
                .containsEntry("account_level_kpis", 2)
                .containsEntry("product_level_kpis", 0)
                .containsEntry("critical_kpis_count", 1)
                .containsEntry("at_risk_kpis_count", 0)
                .containsEntry("healthy_kpis_count", 1)
                .containsEntry("unscored_kpis_count", 0)
                .containsEntry("top_critical_kpis", "[{\"value\": \"10\", \"kpi_id\": 1, \"category\": \"Support\", "
                        + "\"product_id\": null, \"impact_level\": \"high\", \"kpi_parameter\": \"Unlisted Metric\"}]")
                .containsEntry("health_score_source", "health_trend")
                .containsEntry("overall_health_score", new BigDecimal("75.00"))
                .containsEntry("product_usage_score", new BigDecimal("76.00"))
                .containsEntry("support_score", new BigDecimal("77.00"))
                .containsEntry("customer_sentiment_score", new BigDecimal("78.00"))
                .containsEntry("business_outcomes_score", new BigDecimal("79.00"))
                .containsEntry("relationship_strength_score", new BigDecimal("80.00"))
                .containsEntry("playbooks_running", "[\"done-later\", \"failed-later\"]")
                .containsEntry("playbooks_running_count", 2)
                .containsEntry("playbooks_completed_count", 1)
                .containsEntry("playbooks_completed_last_30_days", 1)
                .containsEntry("last_playbook_executed",
                        "{\"started_at\": \"2026-11-26T02:00:00Z\", \"playbook_id\": \"failed-later\"}");
    }

    @Test
    void rerunningTheSameAsOfGivesTheSameSnapshotWhateverWasAddedSince() throws Exception {
        // given
        runs.run(Map.of("asOf", T.toString()));
        Map<String, Object> first = snapshot();
        new TestPortfolio(jdbc).cleanJobRepository();
        SnapshotCleanup.execute(jdbc, "DELETE FROM account_snapshots");
        Instant later = T.plus(Duration.ofDays(2));
        portfolio.note(1, 100, 9, later).report(1L, 100, 9, later)
                .execution(1L, 100, 9, "new", "in-progress", later, null)
                .trend(1, 100, 2027, 1, "10.00", null, null, null, null, null)
                .product(1, 100, 9, "Added", later)
                .kpi(1, 100, 9, null, "Support", "Unlisted Metric", "1", "high", later);
        jdbc.update("UPDATE playbook_executions SET status = 'completed', completed_at = ? WHERE id = 4",
                java.sql.Timestamp.from(later));

        // when
        assertThat(runs.run(Map.of("asOf", T.toString())).getStatus()).isEqualTo(BatchStatus.COMPLETED);

        // then
        assertThat(snapshot()).isEqualTo(first);
    }

    /** Account 1's only snapshot without its identity; jsonb as its text. */
    private Map<String, Object> snapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        jdbc.queryForMap("SELECT * FROM account_snapshots WHERE account_id = 1").forEach((column, value) -> {
            if (!IDENTITY.contains(column)) {
                snapshot.put(column, value instanceof org.postgresql.util.PGobject json ? json.getValue() : value);
            }
        });
        return snapshot;
    }
}
