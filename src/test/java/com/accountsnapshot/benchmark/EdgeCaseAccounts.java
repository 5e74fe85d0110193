package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.time.Instant;

import com.accountsnapshot.TestPortfolio;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seven accounts (ids 1 to 7, customers 100 and 200) made of the cases a set-based reimplementation is most
 * likely to get wrong: KPI values at the edges of the parser, category and name spellings, bounds hit
 * exactly, status spellings, ties, fractional timestamps, the 30-day window's boundary, rows filed under
 * another customer, profile_metadata of every shape docs/snapshot-fields.md#source-tables mention, and (account 6) related rows created
 * before, at and after the as-of instant.
 */
final class EdgeCaseAccounts {

    private EdgeCaseAccounts() {
    }

    static void seed(TestPortfolio p, Instant asOf) {
        p.account(1, 100, "Acme", "1000.00", "active", """
                {"assigned_csm": 123, "csm_manager": "  Lee ", "account_owner": null, "account_tier": "Gold",
                 "engagement": {"lifecycle_stage": ["adoption"], "onboarding_status": "complete",
                                "last_qbr_date": "2024-02-29", "next_qbr_date": "2026-02-30", "score": " 72.455 "},
                 "champions": [{"name": 5, "status": "active"}, "Bo"], "products_used": "Ignored"}""")
                .account(2, 100, "Globex", null, "at_risk", "[\"not\", \"an object\"]")
                .account(3, 200, "Initech", "0.00", "active", """
                        {"products_used": " CRM, Analytics ,CRM,, ", "champions": "Ann; Bo", "engagement": [1]}""")
                .account(4, 200, "Umbrella", "1000.00", "onboarding", """
                        {"products_used": ["X", " Y ", 5, "X", ""], "champions": [],
                         "engagement": {"score": "1e-3", "last_qbr_date": "0000-01-01",
                                        "next_qbr_date": "2026-1-05"}}""")
                .account(5, 200, "Hooli", "250.50", null, """
                        {"engagement": {"score": 999.995, "lifecycle_stage": "renewal"}, "champions": [["nested"]],
                         "products_used": 7}""")
                .account(6, 200, "Vandelay", "99.99", "churned", null)
                .account(7, 200, "Stark", "5000.00", "active", """
                        {"engagement": {"score": "NaN"}, "champions": ["Pepper", {"name": "Happy"}]}""");

        p.product(1, 100, 30, "Beta").product(1, 100, 10, "Alpha").product(1, 100, 20, "Beta")
                .product(1, 999, 5, "Leaked");

        String[][] kpis = {
                // category, name, value, impact
                {"Support", "First Response Time", "2.5 K", " High "},
                {" support kpi ", "Average Response Time", "48 hours", "MEDIUM"},
                {"Support KPIs", "average response time ", "8", "low"},
                {"Support  KPIs", "Escalation Rate", "5", "high"},
                {"Product Usage KPIs", " license utilization ", "$1,200.50", null},
                {"product usage", "Daily Active Users", "5,K", "urgent"},
                {"Product Usage", "Monthly Active Users", "1e3", "high"},
                {"Product Usage", "Login Frequency", "+5", "high"},
                {"Product Usage", "Feature Adoption Rate", ".5", "high"},
                {"Customer Sentiment", "Customer Satisfaction Score", " 85% ", "medium"},
                {"Customer Sentiment", "CUSTOMER EFFORT SCORE", "5", "high"},
                {"Business Outcomes", "Time to Value", "3 days", "low"},
                {"Business Outcomes", "Expansion Revenue", "$2.5M", "high"},
                {"Business Outcomes", "Net Revenue Retention", "-2", "medium"},
                {"Business Outcomes", "Churn Rate", "1.2.3", "high"},
                {"Relationship Strength", "Executive Sponsor Engagement", null, "high"},
                {"Relationship Strength", "Meeting Attendance Rate", "", "high"},
                {"Relationship Strength", "Days Since Last Contact", "N/A", "high"},
                {"Relationship Strength", "Unlisted Metric", "5%K", "high"},
                {"Relationship Strength", "Unlisted Metric", "5K%", "high"},
                {"Other", "Unlisted Metric", "1,2,3", "high"},
                {null, "Renewal Rate", "70", "high"},
                {"Relationship Strength KPI", "Unlisted Metric", "$ 5", "medium"},
                {"Relationship Strength", "Unlisted Metric", "50", "high"},
                {"Relationship Strength", "Unlisted Metric", "81", "high"},
                {"Support", "Unlisted Metric", "$-1,000.5k", "high"},
                {"Support", "Unlisted Metric", "-$5", "high"},
                {"Support", "Unlisted Metric", "12\thours", "high"},
                {"Support", "Unlisted Metric", "7 users extra", "high"},
                {"Support", "Unlisted Metric", "\u00c9", "high"},
        };
        for (int i = 0; i < kpis.length; i++) {
            p.kpi(1, 100, i + 1, i % 3 == 0 ? 10L : null, kpis[i][0], kpis[i][1], kpis[i][2], kpis[i][3]);
        }
        p.kpi(1, 999, 90, null, "Support", "Escalation Rate", "50", "high");
        p.kpi(5, 200, 91, null, "Support", "Escalation Rate", "n/a", "high");
        p.kpi(6, 200, 92, null, "Other", "Escalation Rate", "1", "high")
                .kpi(6, 200, 93, null, "Other", "Escalation Rate", "99", "high");
        p.kpi(7, 200, 94, null, "Support", "Open Support Tickets", "20", "high")
                .kpi(7, 200, 95, null, "Support", "Open Support Tickets", "5", "low")
                .kpi(7, 200, 96, null, "Business Outcomes", "Renewal Rate", "80", "medium");

        p.trend(1, 100, 2026, 9, "70.00", "70.00", null, null, null, null)
                .trend(1, 100, 2026, 10, null, "81.00", null, "75.25", "90.00", "60.00")
                .trend(2, 100, 2026, 9, "70.00", null, null, null, null, null)
                .trend(2, 100, 2026, 10, "80.50", "81.00", null, "75.25", "90.00", "60.00")
                .trend(2, 999, 2027, 1, "10.00", "10.00", "10.00", "10.00", "10.00", "10.00")
                .trend(3, 200, 2025, 12, "55.55", null, null, null, null, null)
                .trend(3, 200, 2026, 1, "44.44", null, null, null, null, null);

        Instant windowStart = asOf.minus(Duration.ofDays(30));
        p.execution(1L, 100, 1, "onboard", "In_Progress", Instant.parse("2026-11-01T10:00:00.123Z"), null)
                .execution(1L, 100, 2, "renewal", "in-progress", Instant.parse("2026-10-01T00:00:00.000456Z"), null)
                .execution(1L, 100, 3, "qbr-prep", "COMPLETED", Instant.parse("2026-10-01T00:00:00Z"), windowStart)
                .execution(1L, 100, 4, "expansion", "completed", Instant.parse("2026-09-01T00:00:00Z"),
                        windowStart.minusSeconds(1))
                .execution(1L, 100, 5, "tie-low-id", "failed", Instant.parse("2026-11-02T00:00:00Z"), null)
                .execution(1L, 100, 6, "tie-high-id", "Cancelled", Instant.parse("2026-11-02T00:00:00Z"), null)
                .execution(1L, 100, 7, null, "IN-PROGRESS", Instant.parse("2026-10-05T00:00:00Z"), null)
                .execution(null, 100, 8, "customer-wide", "in-progress", Instant.parse("2026-11-10T00:00:00Z"), null)
                .execution(1L, 999, 9, "leak", "in-progress", Instant.parse("2026-11-11T00:00:00Z"), null)
                .execution(4L, 200, 10, null, "completed", Instant.parse("2026-11-03T00:00:00.5Z"),
                        Instant.parse("2026-11-04T00:00:00Z"));
        p.trigger(100, 1, "churn_risk", true).trigger(100, 2, "Adoption", true).trigger(100, 3, "adoption", true)
                .trigger(100, 4, "upsell", false).trigger(999, 5, "leak", true).trigger(200, 6, "renewal", true);
        p.report(1L, 100, 1, at("2026-11-01")).report(1L, 100, 2, at("2026-11-03"))
                .report(1L, 100, 3, at("2026-11-03")).report(1L, 100, 4, at("2026-10-01"))
                .report(1L, 999, 5, at("2026-11-20")).report(null, 100, 6, at("2026-11-25"))
                .report(3L, 200, 7, at("2026-11-05"));
        for (int i = 1; i <= 7; i++) {
            p.note(1, 100, i, at(i < 6 ? "2026-11-0" + i : "2026-11-05"));
        }
        p.note(1, 999, 8, at("2026-11-27")).note(2, 100, 9, at("2026-10-01"));

        // account 6: rows on both sides of asOf (and of the earlier rounds' instants), and at it exactly
        Instant later = asOf.plus(Duration.ofDays(1));
        Instant between = asOf.minus(Duration.ofDays(45));
        p.product(6, 200, 40, "Later", later).product(6, 200, 41, "At as-of", asOf)
                .product(6, 200, 42, "Between", between).product(6, 200, 43, "Untimed", null);
        p.kpi(6, 200, 97, null, "Support", "Escalation Rate", "99", "high", later)
                .kpi(6, 200, 98, null, "Support", "Escalation Rate", "1", "low", between);
        p.trend(6, 200, 2026, 9, "61.00", null, null, null, null, null)
                .trend(6, 200, 2026, 11, "62.00", null, null, null, null, null)
                .trend(6, 200, 2026, 12, "63.00", null, null, null, null, null);
        p.execution(6L, 200, 11, "done-later", "completed", between, later)
                .execution(6L, 200, 12, "failed-later", "failed", between, later)
                .execution(6L, 200, 13, "started-later", "in-progress", later, null)
                .execution(6L, 200, 14, "done-untimed", "completed", between, null)
                .execution(6L, 200, 15, "done-at-as-of", "completed", between, asOf);
        p.report(6L, 200, 8, later).report(6L, 200, 9, asOf).report(6L, 200, 10, between);
        p.note(6, 200, 10, later).note(6, 200, 11, asOf).note(6, 200, 12, between);
    }

    /** What changes on the platform between two rounds: revenue, status, a new month of health scores. */
    static void change(JdbcTemplate jdbc) {
        jdbc.update("UPDATE accounts SET revenue = revenue * 1.2 WHERE account_id = 1");
        jdbc.update("UPDATE accounts SET revenue = revenue + 10 WHERE account_id = 3");
        jdbc.update("UPDATE accounts SET account_status = 'active' WHERE account_id IN (2, 5)");
        jdbc.update("UPDATE accounts SET revenue = NULL WHERE account_id = 6");
        jdbc.update("""
                UPDATE health_trends SET overall_health_score = overall_health_score - 9.99
                WHERE account_id = 2 AND customer_id = 100 AND year = 2026 AND month = 10""");
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }
}
