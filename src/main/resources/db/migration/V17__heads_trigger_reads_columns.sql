-- The insert trigger that keeps account_snapshot_heads, changed in two ways; the same checks, locks and upsert.
--
-- Its three statements on the heads ran as PL/pgSQL's cached plans. A statement without parameters is planned once
-- per session and kept until the table's statistics change, so the plans made at a run's first chunk, when the
-- heads of a new portfolio were few, stayed in use as the heads grew: with autovacuum off (or slower than the run),
-- a million-account first run scanned the whole heads table twice per chunk (1.5 billion rows read), and slowed
-- from thousands of accounts a second to hundreds. They now run through EXECUTE, planned for every chunk (well
-- under a millisecond each) with the table as it is then, so they look the heads up by key however many there are.
--
-- Each new head's tracked fields were built from to_jsonb(<the whole inserted row>), then the 44 tracked keys
-- picked out of that object one by one: of the 49 ms the trigger took for a chunk of 500 snapshots, 26 went into
-- that. They are now built from the row's columns directly (jsonb_build_object reads each column as to_jsonb does,
-- so the stored value is the same), 7 ms for the chunk, and the newest row per account is no longer carried
-- through the sort as a whole-row value. The maintenance paths still rebuild heads with
-- account_snapshot_tracked_fields (V12).

CREATE OR REPLACE FUNCTION account_snapshot_heads_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    refused record;
    refusals bigint;
BEGIN
    -- the heads of these accounts are locked first, so a concurrent chunk of the same account waits for this
    -- one and then sees its head
    EXECUTE $sql$SELECT 1 FROM account_snapshot_heads h WHERE h.account_id IN (SELECT account_id FROM inserted)
    ORDER BY h.account_id FOR UPDATE$sql$;
    EXECUTE $sql$SELECT n.account_id, n.first_sequence, n.last_sequence, n.rows, n.numbers, h.snapshot_sequence_number AS head
    FROM (SELECT account_id, min(snapshot_sequence_number) AS first_sequence,
                 max(snapshot_sequence_number) AS last_sequence, count(*) AS rows,
                 count(DISTINCT snapshot_sequence_number) AS numbers
          FROM inserted GROUP BY account_id) n
    LEFT JOIN account_snapshot_heads h ON h.account_id = n.account_id
    WHERE n.first_sequence <> coalesce(h.snapshot_sequence_number, 0) + 1
       OR n.numbers <> n.rows OR n.last_sequence - n.first_sequence + 1 <> n.rows
    ORDER BY n.account_id
    LIMIT 1$sql$ INTO refused;
    GET DIAGNOSTICS refusals = ROW_COUNT;
    IF refusals > 0 THEN
        IF refused.first_sequence <= coalesce(refused.head, 0) OR refused.numbers <> refused.rows THEN
            RAISE EXCEPTION 'duplicate key value violates unique constraint "account_snapshots_sequence_uk"'
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_snapshots_sequence_uk',
                      TABLE = 'account_snapshots',
                      DETAIL = format('Key (account_id, snapshot_sequence_number)=(%s, %s) already exists.',
                              refused.account_id, CASE WHEN refused.first_sequence <= coalesce(refused.head, 0)
                                  THEN refused.first_sequence ELSE refused.last_sequence END);
        END IF;
        RAISE EXCEPTION 'snapshot sequence gap for account %: snapshot_sequence_number % does not follow %',
                refused.account_id, refused.first_sequence, coalesce(refused.head, 0)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'account_snapshots_sequence_ck',
                  TABLE = 'account_snapshots';
    END IF;
    EXECUTE $sql$INSERT INTO account_snapshot_heads AS h (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
        prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
        account_status, prior_overall_health_score, prior_revenue, prior_account_status, tracked_fields)
    SELECT l.account_id, l.snapshot_id, l.snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
        l.snapshot_sequence_number, p.snapshot_sequence_number, l.overall_health_score, l.revenue,
        l.account_status, p.overall_health_score, p.revenue, p.account_status,
        jsonb_build_object('account_name', l.account_name, 'account_status', l.account_status,
            'industry', l.industry, 'region', l.region, 'external_account_id', l.external_account_id,
            'revenue', l.revenue, 'account_tier', l.account_tier, 'assigned_csm', l.assigned_csm,
            'csm_manager', l.csm_manager, 'account_owner', l.account_owner, 'lifecycle_stage', l.lifecycle_stage,
            'onboarding_status', l.onboarding_status, 'last_qbr_date', l.last_qbr_date,
            'next_qbr_date', l.next_qbr_date, 'engagement_score', l.engagement_score,
            'primary_champion', l.primary_champion, 'champion_status', l.champion_status,
            'stakeholder_count', l.stakeholder_count, 'products_used', l.products_used,
            'product_count', l.product_count, 'primary_product', l.primary_product,
            'overall_health_score', l.overall_health_score, 'product_usage_score', l.product_usage_score,
            'support_score', l.support_score, 'customer_sentiment_score', l.customer_sentiment_score,
            'business_outcomes_score', l.business_outcomes_score,
            'relationship_strength_score', l.relationship_strength_score,
            'health_score_source', l.health_score_source, 'total_kpis', l.total_kpis,
            'account_level_kpis', l.account_level_kpis, 'product_level_kpis', l.product_level_kpis,
            'critical_kpis_count', l.critical_kpis_count, 'at_risk_kpis_count', l.at_risk_kpis_count,
            'healthy_kpis_count', l.healthy_kpis_count, 'unscored_kpis_count', l.unscored_kpis_count,
            'top_critical_kpis', l.top_critical_kpis, 'playbooks_running', l.playbooks_running,
            'playbooks_running_count', l.playbooks_running_count,
            'playbooks_completed_count', l.playbooks_completed_count,
            'playbooks_completed_last_30_days', l.playbooks_completed_last_30_days,
            'last_playbook_executed', l.last_playbook_executed,
            'playbook_recommendations_active', l.playbook_recommendations_active,
            'recent_playbook_report_ids', l.recent_playbook_report_ids,
            'recent_csm_note_ids', l.recent_csm_note_ids)
    FROM (SELECT DISTINCT ON (i.account_id) i.* FROM inserted i
          ORDER BY i.account_id, i.snapshot_sequence_number DESC) l
    LEFT JOIN (SELECT DISTINCT ON (i.account_id) i.account_id, i.snapshot_id, i.snapshot_timestamp,
                      i.snapshot_sequence_number, i.overall_health_score, i.revenue, i.account_status
               FROM inserted i
               JOIN (SELECT account_id, max(snapshot_sequence_number) AS latest FROM inserted GROUP BY account_id) m
                 ON m.account_id = i.account_id AND i.snapshot_sequence_number < m.latest
               ORDER BY i.account_id, i.snapshot_sequence_number DESC) within ON within.account_id = l.account_id
    LEFT JOIN account_snapshot_heads head_row ON head_row.account_id = l.account_id AND within.account_id IS NULL
    CROSS JOIN LATERAL (SELECT coalesce(within.snapshot_id, head_row.snapshot_id) AS snapshot_id,
                               coalesce(within.snapshot_timestamp, head_row.snapshot_timestamp) AS snapshot_timestamp,
                               coalesce(within.snapshot_sequence_number, head_row.snapshot_sequence_number)
                                   AS snapshot_sequence_number,
                               CASE WHEN within.account_id IS NULL THEN head_row.overall_health_score
                                    ELSE within.overall_health_score END AS overall_health_score,
                               CASE WHEN within.account_id IS NULL THEN head_row.revenue
                                    ELSE within.revenue END AS revenue,
                               CASE WHEN within.account_id IS NULL THEN head_row.account_status
                                    ELSE within.account_status END AS account_status) p
    ON CONFLICT (account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id,
        snapshot_timestamp = excluded.snapshot_timestamp, prior_snapshot_id = excluded.prior_snapshot_id,
        prior_snapshot_timestamp = excluded.prior_snapshot_timestamp,
        snapshot_sequence_number = excluded.snapshot_sequence_number,
        prior_sequence_number = excluded.prior_sequence_number,
        overall_health_score = excluded.overall_health_score, revenue = excluded.revenue,
        account_status = excluded.account_status, prior_overall_health_score = excluded.prior_overall_health_score,
        prior_revenue = excluded.prior_revenue, prior_account_status = excluded.prior_account_status,
        tracked_fields = excluded.tracked_fields$sql$;
    RETURN NULL;
END $$;
