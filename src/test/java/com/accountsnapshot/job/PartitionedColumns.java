package com.accountsnapshot.job;

/** The snapshot columns two runs taking the same snapshots must agree on: all but the ids of the runs. */
public final class PartitionedColumns {

    /** For a SELECT list; jsonb columns as text so they compare as they are stored. */
    public static final String COMPARED = """
            account_id, customer_id, snapshot_timestamp, snapshot_type, snapshot_reason, trigger_event,
            snapshot_version, previous_snapshot_id, account_name, account_status, industry, region,
            external_account_id, revenue, account_tier, assigned_csm, csm_manager, account_owner, lifecycle_stage,
            onboarding_status, last_qbr_date, next_qbr_date, engagement_score, primary_champion, champion_status,
            stakeholder_count, products_used::text, product_count, primary_product, overall_health_score,
            product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
            relationship_strength_score, health_score_source, total_kpis, account_level_kpis, product_level_kpis,
            critical_kpis_count, at_risk_kpis_count, healthy_kpis_count, unscored_kpis_count,
            top_critical_kpis::text, playbooks_running::text, playbooks_running_count, playbooks_completed_count,
            playbooks_completed_last_30_days, last_playbook_executed::text,
            playbook_recommendations_active::text, recent_playbook_report_ids::text, recent_csm_note_ids::text,
            snapshot_sequence_number, days_since_last_snapshot, health_score_change_from_last,
            revenue_change_from_last, revenue_change_percent, health_score_trend, is_significant_change""";

    private PartitionedColumns() {
    }
}
