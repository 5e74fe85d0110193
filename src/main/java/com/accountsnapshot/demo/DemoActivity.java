package com.accountsnapshot.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves a generated demo portfolio on between two demo runs, the way a live platform would: revenue
 * changes for about a fifth of the accounts, some statuses change, and a new month of health scores arrives
 * for a third of the accounts that have health trends. Only accounts in the ranges the generator recorded
 * in {@code demo_portfolios} are touched, never other data in the database.
 */
@Component
public class DemoActivity {

    private static final String IN_DEMO = """
            EXISTS (SELECT 1 FROM demo_portfolios d WHERE a.account_id BETWEEN d.first_account_id AND d.last_account_id)""";

    private final JdbcTemplate jdbc;

    DemoActivity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** True when the database holds a portfolio made by the demo generator. */
    public boolean hasDemoPortfolio() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM demo_portfolios)",
                Boolean.class));
    }

    /** Applies one period of simulated activity and returns the number of accounts it changed. */
    @Transactional
    public int advance() {
        int revenue = jdbc.update("""
                UPDATE accounts a SET revenue = round(revenue * (0.8 + random() * 0.45)::numeric, 2), updated_at = now()
                WHERE revenue > 0 AND random() < 0.2 AND""" + " " + IN_DEMO);
        int status = jdbc.update("""
                UPDATE accounts a
                SET account_status = (ARRAY['active', 'at_risk', 'churned', 'onboarding'])[1 + floor(random() * 4)::int],
                    updated_at = now()
                WHERE random() < 0.05 AND""" + " " + IN_DEMO);
        int health = jdbc.update("""
                INSERT INTO health_trends (trend_id, account_id, customer_id, year, month, overall_health_score,
                    product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
                    relationship_strength_score)
                SELECT (SELECT coalesce(max(trend_id), 0) FROM health_trends) + row_number() OVER (),
                       t.account_id, t.customer_id,
                       CASE WHEN t.month = 12 THEN t.year + 1 ELSE t.year END,
                       CASE WHEN t.month = 12 THEN 1 ELSE t.month + 1 END,
                       least(100, greatest(0, coalesce(t.overall_health_score, 60) + round((random() * 24 - 12)::numeric, 2))),
                       t.product_usage_score, t.support_score, t.customer_sentiment_score,
                       t.business_outcomes_score, t.relationship_strength_score
                FROM (SELECT DISTINCT ON (h.account_id) h.*
                      FROM health_trends h JOIN accounts a ON a.account_id = h.account_id AND a.customer_id = h.customer_id
                      WHERE h.year IS NOT NULL AND h.month IS NOT NULL AND""" + " " + IN_DEMO + """

                      ORDER BY h.account_id, h.year DESC, h.month DESC) t
                WHERE random() < 0.33""");
        return revenue + status + health;
    }
}
