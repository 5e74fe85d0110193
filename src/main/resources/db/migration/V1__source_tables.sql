-- Source tables of the customer-success platform (SPEC §2). Created only when absent: on a platform
-- database they already exist and are left as they are. Every related table carries account_id AND
-- customer_id; the indexes lead with both so the per-chunk enrichment joins are index lookups.

CREATE TABLE IF NOT EXISTS accounts (
    account_id          bigint PRIMARY KEY,
    customer_id         bigint        NOT NULL,
    account_name        varchar(255)  NOT NULL,
    revenue             numeric(15,2),
    account_status      varchar(50),
    industry            varchar(100),
    region              varchar(100),
    external_account_id varchar(100),
    profile_metadata    jsonb,
    created_at          timestamptz,
    updated_at          timestamptz
);
CREATE INDEX IF NOT EXISTS accounts_customer_idx ON accounts (customer_id, account_id);

CREATE TABLE IF NOT EXISTS products (
    product_id   bigint PRIMARY KEY,
    account_id   bigint,
    customer_id  bigint       NOT NULL,
    product_name varchar(255) NOT NULL,
    product_sku  varchar(100),
    product_type varchar(100),
    status       varchar(50),
    created_at   timestamptz
);
CREATE INDEX IF NOT EXISTS products_account_idx ON products (account_id, customer_id, product_id);

CREATE TABLE IF NOT EXISTS kpis (
    kpi_id                bigint PRIMARY KEY,
    account_id            bigint,
    customer_id           bigint       NOT NULL,
    product_id            bigint,
    category              varchar(100),
    kpi_parameter         varchar(255) NOT NULL,
    data                  varchar(255),
    impact_level          varchar(20),
    weight                varchar(20),
    measurement_frequency varchar(50),
    created_at            timestamptz
);
CREATE INDEX IF NOT EXISTS kpis_account_idx ON kpis (account_id, customer_id, kpi_id);

CREATE TABLE IF NOT EXISTS kpi_reference_ranges (
    kpi_name         varchar(255) PRIMARY KEY,
    higher_is_better boolean NOT NULL,
    critical_bound   numeric NOT NULL,
    healthy_bound    numeric NOT NULL,
    unit             varchar(30)
);

CREATE TABLE IF NOT EXISTS health_trends (
    trend_id                    bigint PRIMARY KEY,
    account_id                  bigint,
    customer_id                 bigint NOT NULL,
    year                        int,
    month                       int CHECK (month BETWEEN 1 AND 12),
    overall_health_score        numeric(5,2),
    product_usage_score         numeric(5,2),
    support_score               numeric(5,2),
    customer_sentiment_score    numeric(5,2),
    business_outcomes_score     numeric(5,2),
    relationship_strength_score numeric(5,2),
    UNIQUE (account_id, year, month)
);
CREATE INDEX IF NOT EXISTS health_trends_account_idx
    ON health_trends (account_id, customer_id, year DESC, month DESC);

CREATE TABLE IF NOT EXISTS playbook_executions (
    id           bigint PRIMARY KEY,
    execution_id varchar(36) UNIQUE,
    account_id   bigint,
    customer_id  bigint      NOT NULL,
    playbook_id  varchar(50),
    status       varchar(20),
    started_at   timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX IF NOT EXISTS playbook_executions_account_idx
    ON playbook_executions (account_id, customer_id, started_at, id);

CREATE TABLE IF NOT EXISTS playbook_reports (
    report_id           bigint PRIMARY KEY,
    account_id          bigint,
    customer_id         bigint       NOT NULL,
    playbook_id         varchar(50),
    playbook_name       varchar(100) NOT NULL,
    report_generated_at timestamptz  NOT NULL
);
CREATE INDEX IF NOT EXISTS playbook_reports_account_idx
    ON playbook_reports (account_id, customer_id, report_generated_at DESC, report_id DESC);

CREATE TABLE IF NOT EXISTS playbook_triggers (
    trigger_id           bigint PRIMARY KEY,
    customer_id          bigint  NOT NULL,
    playbook_type        varchar(50),
    auto_trigger_enabled boolean NOT NULL DEFAULT false,
    UNIQUE (customer_id, playbook_type)
);

CREATE TABLE IF NOT EXISTS account_notes (
    note_id      bigint PRIMARY KEY,
    account_id   bigint,
    customer_id  bigint      NOT NULL,
    note_type    varchar(50) NOT NULL,
    note_content text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS account_notes_account_idx
    ON account_notes (account_id, customer_id, created_at DESC, note_id DESC);
