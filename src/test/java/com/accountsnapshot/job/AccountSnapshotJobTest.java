package com.accountsnapshot.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The snapshot job end to end on real PostgreSQL: every field of a fully specified account, the chain of
 * snapshots over several runs, the cooldown, out-of-order runs and scoped runs.
 */
// the runs here are as of fixed instants up to 2026-12-03, ahead of the clock of the machines that run them
@SpringBootTest(properties = {"account-snapshot.job.chunk-size=2", "account-snapshot.job.max-clock-skew=3650d"})
class AccountSnapshotJobTest {

    static final Instant AS_OF = Instant.parse("2026-11-28T00:00:00Z");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    TestPortfolio portfolio;

    @BeforeEach
    void seedPortfolio() {
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        seed(portfolio);
    }

    /**
     * Account 1 (customer 100) has every kind of related row, and rows filed under customer 999 for the same
     * account id that must never count; account 2 takes its scores from health_trends; account 3 (customer
     * 200) has nothing but a comma-separated products_used.
     */
    static void seed(TestPortfolio p) {
        p.account(1, 100, "Acme", "1000.00", "active", """
                {"assigned_csm": "Dana", "csm_manager": "Lee", "account_owner": "Sam", "account_tier": "Gold",
                 "engagement": {"lifecycle_stage": "adoption", "onboarding_status": "complete",
                                "last_qbr_date": "2026-09-15", "next_qbr_date": "2026-12-15", "score": "72.455"},
                 "champions": [{"name": "Ana", "status": "active"}, "Bo"], "products_used": ["Ignored"]}""")
                .account(2, 100, "Globex", null, "at_risk", null)
                .account(3, 200, "Initech", "0.00", "active", """
                        {"products_used": " CRM, Analytics ,CRM,, "}""");
        p.product(1, 100, 10, "Analytics").product(1, 100, 11, "CRM").product(1, 100, 12, "Analytics")
                .product(1, 999, 13, "Leaked");
        p.kpi(1, 100, 1, null, "Support KPIs", "First Response Time", "2 hours", "High")
                .kpi(1, 100, 2, 10L, "Product Usage", "License Utilization", "85%", "medium")
                .kpi(1, 100, 3, null, "product usage KPI", "Daily Active Users", "40 users", "low")
                .kpi(1, 100, 4, 11L, "Business Outcomes", "Churn Rate", "12%", "high")
                .kpi(1, 100, 5, null, "Customer Sentiment", "Net Promoter Score", "N/A", "high")
                .kpi(1, 100, 6, null, "Relationship Strength", "Unlisted Metric", "$2.5K", null)
                .kpi(1, 100, 7, null, "Other", "Escalation Rate", "20", "HIGH ")
                .kpi(1, 999, 8, null, "Business Outcomes", "Churn Rate", "50%", "high");
        p.trend(2, 100, 2026, 9, "70.00", null, null, null, null, null)
                .trend(2, 100, 2026, 10, "80.50", "81.00", null, "75.25", "90.00", "60.00")
                .trend(2, 999, 2027, 1, "10.00", "10.00", "10.00", "10.00", "10.00", "10.00");
        p.execution(1L, 100, 1, "onboard", "In_Progress", at("2026-11-01"), null)
                .execution(1L, 100, 2, "renewal", "in-progress", at("2026-10-01"), null)
                .execution(1L, 100, 3, "qbr-prep", "COMPLETED", at("2026-10-20"), at("2026-11-20"))
                .execution(1L, 100, 4, "expansion", "completed", at("2026-09-01"),
                        Instant.parse("2026-10-28T23:59:59Z"))
                .execution(null, 100, 5, "customer-wide", "in-progress", at("2026-11-10"), null)
                .execution(1L, 999, 6, "leak", "in-progress", at("2026-11-15"), null)
                .execution(1L, 100, 7, "failed-one", "failed", at("2026-11-05"), null);
        p.trigger(100, 1, "churn_risk", true).trigger(100, 2, "adoption", true).trigger(100, 3, "upsell", false)
                .trigger(999, 4, "leak", true);
        p.report(1L, 100, 1, at("2026-11-01")).report(1L, 100, 2, at("2026-11-03"))
                .report(1L, 100, 3, at("2026-11-03")).report(1L, 100, 4, at("2026-10-01"))
                .report(1L, 999, 5, at("2026-11-20")).report(null, 100, 6, at("2026-11-25"));
        p.note(1, 100, 1, at("2026-11-01")).note(1, 100, 2, at("2026-11-02")).note(1, 100, 3, at("2026-11-03"))
                .note(1, 100, 4, at("2026-11-04")).note(1, 100, 5, at("2026-11-05"))
                .note(1, 100, 6, at("2026-11-05")).note(1, 100, 7, at("2026-10-01"))
                .note(1, 999, 8, at("2026-11-27"));
    }

    @Test
    void firstRunSnapshotsEveryFieldFromTheAccountsOwnCustomerRows() throws Exception {
        JobExecution execution = run(Map.of("asOf", AS_OF.toString(), "reason", "Monthly snapshot"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertCounts(execution, 3, 3, 0);
        Map<String, Object> acme = snapshot(1, 1);
        assertThat(acme).containsEntry("customer_id", 100L)
                .containsEntry("snapshot_type", "manual")
                .containsEntry("snapshot_reason", "Monthly snapshot")
                .containsEntry("trigger_event", null)
                .containsEntry("snapshot_version", 1)
                .containsEntry("job_execution_id", execution.getId())
                .containsEntry("job_instance_id", execution.getJobInstanceId())
                .containsEntry("previous_snapshot_id", null)
                .containsEntry("account_name", "Acme")
                .containsEntry("account_status", "active")
                .containsEntry("industry", "Software")
                .containsEntry("region", "EMEA")
                .containsEntry("external_account_id", "EXT-1")
                .containsEntry("revenue", new BigDecimal("1000.00"))
                .containsEntry("account_tier", "Gold")
                .containsEntry("assigned_csm", "Dana")
                .containsEntry("csm_manager", "Lee")
                .containsEntry("account_owner", "Sam")
                .containsEntry("lifecycle_stage", "adoption")
                .containsEntry("onboarding_status", "complete")
                .containsEntry("last_qbr_date", LocalDate.parse("2026-09-15"))
                .containsEntry("next_qbr_date", LocalDate.parse("2026-12-15"))
                .containsEntry("engagement_score", new BigDecimal("72.46"))
                .containsEntry("primary_champion", "Ana")
                .containsEntry("champion_status", "active")
                .containsEntry("stakeholder_count", 2)
                .containsEntry("product_count", 2)
                .containsEntry("primary_product", "Analytics")
                .containsEntry("overall_health_score", new BigDecimal("65.42"))
                .containsEntry("product_usage_score", new BigDecimal("86.67"))
                .containsEntry("support_score", new BigDecimal("100.00"))
                .containsEntry("customer_sentiment_score", null)
                .containsEntry("business_outcomes_score", new BigDecimal("0.00"))
                .containsEntry("relationship_strength_score", new BigDecimal("100.00"))
                .containsEntry("health_score_source", "kpi_proxy")
                .containsEntry("total_kpis", 7)
                .containsEntry("account_level_kpis", 5)
                .containsEntry("product_level_kpis", 2)
                .containsEntry("critical_kpis_count", 2)
                .containsEntry("at_risk_kpis_count", 1)
                .containsEntry("healthy_kpis_count", 3)
                .containsEntry("unscored_kpis_count", 1)
                .containsEntry("playbooks_running_count", 2)
                .containsEntry("playbooks_completed_count", 2)
                .containsEntry("playbooks_completed_last_30_days", 1)
                .containsEntry("snapshot_sequence_number", 1)
                .containsEntry("days_since_last_snapshot", null)
                .containsEntry("health_score_change_from_last", null)
                .containsEntry("revenue_change_from_last", null)
                .containsEntry("revenue_change_percent", null)
                .containsEntry("health_score_trend", "stable")
                .containsEntry("is_significant_change", false);
        assertThat(((java.sql.Timestamp) acme.get("snapshot_timestamp")).toInstant()).isEqualTo(AS_OF);
        assertJson(acme, "products_used", "[\"Analytics\", \"CRM\"]");
        assertJson(acme, "top_critical_kpis", """
                [{"kpi_id": 4, "kpi_parameter": "Churn Rate", "category": "Business Outcomes", "product_id": 11,
                  "value": "12%", "impact_level": "high"},
                 {"kpi_id": 7, "kpi_parameter": "Escalation Rate", "category": "Other", "product_id": null,
                  "value": "20", "impact_level": "HIGH "}]""");
        assertJson(acme, "playbooks_running", "[\"renewal\", \"onboard\"]");
        assertJson(acme, "last_playbook_executed",
                "{\"playbook_id\": \"failed-one\", \"started_at\": \"2026-11-05T00:00:00Z\"}");
        assertJson(acme, "playbook_recommendations_active", "[\"adoption\", \"churn_risk\"]");
        assertJson(acme, "recent_playbook_report_ids", "[3, 2, 1]");
        assertJson(acme, "recent_csm_note_ids", "[6, 5, 4, 3, 2]");

        Map<String, Object> globex = snapshot(2, 1);
        assertThat(globex).containsEntry("revenue", null)
                .containsEntry("overall_health_score", new BigDecimal("80.50"))
                .containsEntry("product_usage_score", new BigDecimal("81.00"))
                .containsEntry("support_score", null)
                .containsEntry("customer_sentiment_score", new BigDecimal("75.25"))
                .containsEntry("business_outcomes_score", new BigDecimal("90.00"))
                .containsEntry("relationship_strength_score", new BigDecimal("60.00"))
                .containsEntry("health_score_source", "health_trend")
                .containsEntry("total_kpis", 0)
                .containsEntry("stakeholder_count", 0)
                .containsEntry("assigned_csm", null)
                .containsEntry("product_count", 0)
                .containsEntry("primary_product", null)
                .containsEntry("playbooks_running_count", 0)
                .containsEntry("last_playbook_executed", null);
        assertJson(globex, "products_used", "[]");
        assertJson(globex, "top_critical_kpis", "[]");
        assertJson(globex, "playbook_recommendations_active", "[\"adoption\", \"churn_risk\"]");
        assertJson(globex, "recent_csm_note_ids", "[]");

        Map<String, Object> initech = snapshot(3, 1);
        assertThat(initech).containsEntry("customer_id", 200L)
                .containsEntry("health_score_source", "none")
                .containsEntry("overall_health_score", null)
                .containsEntry("product_usage_score", null)
                .containsEntry("product_count", 2)
                .containsEntry("primary_product", "CRM");
        assertJson(initech, "products_used", "[\"CRM\", \"Analytics\"]");
        assertJson(initech, "playbook_recommendations_active", "[]");
        assertThat(issues(execution)).isZero();
    }

    @Test
    void laterRunsChainSnapshotsWithDaysChangesTrendAndSignificance() throws Exception {
        run(Map.of("asOf", AS_OF.toString()));
        jdbc.update("UPDATE accounts SET revenue = 1150.00 WHERE account_id = 1");
        portfolio.trend(2, 100, 2026, 11, "70.00", null, null, null, null, null);

        JobExecution second = run(Map.of("asOf", "2026-11-30T12:00:00Z"));

        assertCounts(second, 3, 3, 0);
        long firstAcme = snapshotId(1, 1);
        assertThat(snapshot(1, 2)).containsEntry("previous_snapshot_id", firstAcme)
                .containsEntry("days_since_last_snapshot", 2)
                .containsEntry("health_score_change_from_last", new BigDecimal("0.00"))
                .containsEntry("revenue_change_from_last", new BigDecimal("150.00"))
                .containsEntry("revenue_change_percent", new BigDecimal("15.00"))
                .containsEntry("health_score_trend", "stable")
                .containsEntry("is_significant_change", true);
        assertThat(snapshot(2, 2)).containsEntry("overall_health_score", new BigDecimal("70.00"))
                .containsEntry("health_score_change_from_last", new BigDecimal("-10.50"))
                .containsEntry("revenue_change_from_last", null)
                .containsEntry("revenue_change_percent", null)
                .containsEntry("health_score_trend", "declining")
                .containsEntry("is_significant_change", true);
        assertThat(snapshot(3, 2)).containsEntry("revenue_change_from_last", new BigDecimal("0.00"))
                .containsEntry("revenue_change_percent", null)
                .containsEntry("health_score_change_from_last", null)
                .containsEntry("is_significant_change", false);

        portfolio.trend(2, 100, 2026, 12, "76.00", null, null, null, null, null);
        jdbc.update("UPDATE accounts SET account_status = 'churned' WHERE account_id = 3");
        JobExecution third = run(Map.of("asOf", "2026-12-03T11:59:59Z"));

        assertCounts(third, 3, 3, 0);
        assertThat(snapshot(2, 3)).containsEntry("days_since_last_snapshot", 2)
                .containsEntry("health_score_change_from_last", new BigDecimal("6.00"))
                .containsEntry("health_score_trend", "declining")
                .containsEntry("is_significant_change", true);
        assertThat(snapshot(3, 3)).containsEntry("account_status", "churned")
                .containsEntry("is_significant_change", true);
        assertThat(snapshot(1, 3)).containsEntry("revenue_change_percent", new BigDecimal("0.00"))
                .containsEntry("is_significant_change", false);
    }

    @Test
    void cooldownFiltersYoungSnapshotsAndForceOverridesIt() throws Exception {
        run(Map.of("asOf", AS_OF.toString(), "snapshotType", "scheduled"));

        JobExecution tooSoon = run(Map.of("asOf", "2026-11-28T23:59:59Z", "snapshotType", "scheduled"));
        JobExecution eventDriven = run(Map.of("asOf", "2026-11-28T23:59:59Z", "snapshotType", "event_driven"));
        JobExecution forced = run(Map.of("asOf", "2026-11-28T23:30:00Z", "snapshotType", "scheduled",
                "force", "true"));

        assertCounts(tooSoon, 3, 0, 3);
        assertCounts(eventDriven, 3, 3, 0);
        assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertCounts(forced, 3, 0, 3);
        assertThat(issues(forced)).isEqualTo(3);
        JobExecution forcedLater = run(Map.of("asOf", "2026-11-29T00:30:00Z", "snapshotType", "scheduled",
                "force", "true"));
        assertCounts(forcedLater, 3, 3, 0);
        assertThat(jdbc.queryForObject("SELECT max(snapshot_sequence_number) FROM account_snapshots",
                Integer.class)).isEqualTo(3);
        assertThat(issues(tooSoon)).isZero();
    }

    @Test
    void snapshotOlderThanTheLatestIsFilteredAndRecordedEvenWithForce() throws Exception {
        run(Map.of("asOf", AS_OF.toString()));

        JobExecution outOfOrder = run(Map.of("asOf", "2026-11-27T00:00:00Z", "force", "true"));

        assertCounts(outOfOrder, 3, 0, 3);
        assertThat(jdbc.queryForList("""
                SELECT account_id FROM snapshot_run_issues
                WHERE job_execution_id = ? AND issue_type = 'skipped' AND field = 'snapshot_timestamp'
                ORDER BY account_id""", Long.class, outOfOrder.getId())).containsExactly(1L, 2L, 3L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Integer.class)).isEqualTo(3);
    }

    @Test
    void singleAccountAndCustomerRunsTouchOnlyTheirScope() throws Exception {
        JobExecution single = run(Map.of("asOf", AS_OF.toString(), "accountId", "2"));
        JobExecution customer = run(Map.of("asOf", AS_OF.toString(), "customerId", "200"));
        JobExecution both = run(Map.of("asOf", "2026-11-29T00:00:00Z", "customerId", "100", "accountId", "1"));

        assertCounts(single, 1, 1, 0);
        assertCounts(customer, 1, 1, 0);
        assertCounts(both, 1, 1, 0);
        assertThat(jdbc.queryForList("""
                SELECT account_id FROM account_snapshots ORDER BY account_id""", Long.class))
                .containsExactly(1L, 2L, 3L);
        assertThat(jdbc.queryForObject("SELECT job_execution_id FROM account_snapshots WHERE account_id = 3",
                Long.class)).isEqualTo(customer.getId());
    }

    @Test
    void badParametersAreRefusedBeforeAnyExecutionExists() {
        Map<String, String> unknownType = Map.of("snapshotType", "hourly");
        Map<String, String> badAsOf = Map.of("asOf", "yesterday");
        Map<String, String> badId = Map.of("accountId", "12a");
        Map<String, String> missingAccount = Map.of("accountId", "404");
        Map<String, String> wrongCustomer = Map.of("accountId", "1", "customerId", "200");
        Map<String, String> longReason = Map.of("reason", "x".repeat(256));
        Map<String, String> longTrigger = Map.of("triggerEvent", "x".repeat(101));
        Map<String, String> unknownParameter = Map.of("acountId", "1");

        assertRefused(unknownType, "snapshotType: 'hourly' is not one of manual, scheduled, event_driven, "
                + "post_upload, post_health_calc");
        assertRefused(badAsOf, "asOf: 'yesterday' is not an ISO-8601 instant such as 2026-11-28T02:00:00Z");
        assertRefused(badId, "accountId: '12a' is not a positive whole number");
        assertRefused(missingAccount, "accountId: account 404 does not exist");
        assertRefused(wrongCustomer, "accountId: account 1 does not belong to customer 200");
        assertRefused(longReason, "reason: is 256 characters long; at most 255 are allowed");
        assertRefused(longTrigger, "triggerEvent: is 101 characters long; at most 100 are allowed");
        assertRefused(unknownParameter, "acountId: unknown parameter; known: accountId, asOf, customerId, eventBatchId, "
                + "force, reason, snapshotType, triggerEvent");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_instance", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Integer.class)).isZero();
    }

    private void assertRefused(Map<String, String> parameters, String message) {
        assertThatThrownBy(() -> runs.request(parameters))
                .isInstanceOf(InvalidSnapshotRequestException.class)
                .hasMessage(message);
    }

    JobExecution run(Map<String, String> parameters) throws Exception {
        return runs.run(parameters);
    }

    static void assertCounts(JobExecution execution, long read, long written, long filtered) {
        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(step.getReadCount()).isEqualTo(read);
        assertThat(step.getWriteCount()).isEqualTo(written);
        assertThat(step.getFilterCount()).isEqualTo(filtered);
        assertThat(step.getSkipCount()).isZero();
    }

    private Map<String, Object> snapshot(long accountId, int sequence) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT * FROM account_snapshots WHERE account_id = ? AND snapshot_sequence_number = ?""",
                accountId, sequence);
        Map<String, Object> snapshot = new HashMap<>();
        row.forEach((column, value) -> snapshot.put(column, plain(value)));
        return snapshot;
    }

    private long snapshotId(long accountId, int sequence) {
        return jdbc.queryForObject("""
                SELECT snapshot_id FROM account_snapshots WHERE account_id = ? AND snapshot_sequence_number = ?""",
                Long.class, accountId, sequence);
    }

    private long issues(JobExecution execution) {
        return jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues WHERE job_execution_id = ?",
                Long.class, execution.getId());
    }

    /** jsonb as its text, date as LocalDate, everything else as the driver returns it. */
    private static @Nullable Object plain(@Nullable Object value) {
        if (value instanceof org.postgresql.util.PGobject json) {
            return json.getValue();
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : value;
    }

    private static void assertJson(Map<String, Object> snapshot, String column, String expected) {
        assertThat(JSON.readTree((String) snapshot.get(column))).as(column).isEqualTo(JSON.readTree(expected));
    }

    static Instant at(String date) {
        return Instant.parse(date + "T00:00:00Z");
    }
}
