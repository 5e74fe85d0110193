-- The product's own tables (SPEC §4, §7): immutable account snapshots and the issues a run records.

CREATE TABLE account_snapshots (
    snapshot_id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id                       bigint       NOT NULL,
    customer_id                      bigint       NOT NULL,
    snapshot_timestamp               timestamptz  NOT NULL,
    snapshot_type                    varchar(30)  NOT NULL,
    snapshot_reason                  varchar(255),
    trigger_event                    varchar(100),
    snapshot_version                 int          NOT NULL DEFAULT 1,
    job_instance_id                  bigint       NOT NULL,
    job_execution_id                 bigint       NOT NULL,
    previous_snapshot_id             bigint,
    created_at                       timestamptz  NOT NULL DEFAULT now(),

    account_name                     varchar(255) NOT NULL,
    account_status                   varchar(50),
    industry                         varchar(100),
    region                           varchar(100),
    external_account_id              varchar(100),
    revenue                          numeric(15,2),

    account_tier                     text,
    assigned_csm                     text,
    csm_manager                      text,
    account_owner                    text,
    lifecycle_stage                  text,
    onboarding_status                text,
    last_qbr_date                    date,
    next_qbr_date                    date,
    engagement_score                 numeric(5,2),
    primary_champion                 text,
    champion_status                  text,
    stakeholder_count                int,

    products_used                    jsonb        NOT NULL DEFAULT '[]',
    product_count                    int          NOT NULL,
    primary_product                  text,

    overall_health_score             numeric(5,2),
    product_usage_score              numeric(5,2),
    support_score                    numeric(5,2),
    customer_sentiment_score         numeric(5,2),
    business_outcomes_score          numeric(5,2),
    relationship_strength_score      numeric(5,2),
    health_score_source              varchar(20)  NOT NULL,

    total_kpis                       int          NOT NULL,
    account_level_kpis               int          NOT NULL,
    product_level_kpis               int          NOT NULL,
    critical_kpis_count              int          NOT NULL,
    at_risk_kpis_count               int          NOT NULL,
    healthy_kpis_count               int          NOT NULL,
    unscored_kpis_count              int          NOT NULL,
    top_critical_kpis                jsonb        NOT NULL DEFAULT '[]',

    playbooks_running                jsonb        NOT NULL DEFAULT '[]',
    playbooks_running_count          int          NOT NULL,
    playbooks_completed_count        int          NOT NULL,
    playbooks_completed_last_30_days int          NOT NULL,
    last_playbook_executed           jsonb,
    playbook_recommendations_active  jsonb        NOT NULL DEFAULT '[]',

    recent_playbook_report_ids       jsonb        NOT NULL DEFAULT '[]',
    recent_csm_note_ids              jsonb        NOT NULL DEFAULT '[]',

    snapshot_sequence_number         int          NOT NULL,
    days_since_last_snapshot         int,
    health_score_change_from_last    numeric(5,2),
    revenue_change_from_last         numeric(15,2),
    revenue_change_percent           numeric(12,2),
    health_score_trend               varchar(20)  NOT NULL,
    is_significant_change            boolean      NOT NULL,

    CONSTRAINT account_snapshots_sequence_uk UNIQUE (account_id, snapshot_sequence_number),
    CONSTRAINT account_snapshots_job_instance_uk UNIQUE (job_instance_id, account_id),
    CONSTRAINT account_snapshots_health_source_ck
        CHECK (health_score_source IN ('health_trend', 'kpi_proxy', 'none')),
    CONSTRAINT account_snapshots_trend_ck
        CHECK (health_score_trend IN ('improving', 'declining', 'stable'))
);
CREATE INDEX account_snapshots_account_time_idx ON account_snapshots (account_id, snapshot_timestamp);
CREATE INDEX account_snapshots_customer_time_idx ON account_snapshots (customer_id, snapshot_timestamp);

-- What a run noticed about its input: 'warning' (a field that could not be read and was left null) or
-- 'skipped' (an account not snapshotted: its calculation failed, or its latest snapshot is newer than asOf).
CREATE TABLE snapshot_run_issues (
    issue_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_execution_id bigint      NOT NULL,
    account_id       bigint,
    issue_type       varchar(20) NOT NULL CHECK (issue_type IN ('warning', 'skipped')),
    field            varchar(100),
    problem          text        NOT NULL,
    raw_value        text,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX snapshot_run_issues_execution_idx ON snapshot_run_issues (job_execution_id, account_id);
