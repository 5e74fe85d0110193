-- account_snapshots becomes a table partitioned by range of snapshot_timestamp, one partition per calendar month
-- in UTC (account_snapshots_YYYY_MM), without a default partition: a row of a month without its partition is
-- refused, never parked where it would later block creating that month's partition. The product creates the
-- months ahead and the month a run needs (create_account_snapshot_partition below).
--
-- An installation with snapshots already is converted: the rows are copied in batches into the new table (with
-- their ids, the identity sequence going on from where it was), the old table is dropped, and the heads (one
-- row per account: what its next snapshot needs of the latest ones) are built from the history.

-- 1. The unpartitioned table steps aside; its index names are global, so they move with it.
ALTER TABLE account_snapshots RENAME TO account_snapshots_unpartitioned;
ALTER INDEX account_snapshots_pkey RENAME TO account_snapshots_unpartitioned_pkey;
ALTER INDEX account_snapshots_sequence_uk RENAME TO account_snapshots_unpartitioned_sequence_uk;
ALTER INDEX account_snapshots_job_instance_uk RENAME TO account_snapshots_unpartitioned_job_instance_uk;
ALTER INDEX account_snapshots_account_time_idx RENAME TO account_snapshots_unpartitioned_account_time_idx;
ALTER INDEX account_snapshots_customer_time_idx RENAME TO account_snapshots_unpartitioned_customer_time_idx;
ALTER SEQUENCE account_snapshots_snapshot_id_seq RENAME TO account_snapshots_unpartitioned_snapshot_id_seq;

-- 2. The partitioned table. Same columns, types, defaults and checks; the fixed-width columns come first, the
-- 8-byte ones, then the 4-byte ones and the boolean, then the variable-width ones, so that no row carries
-- alignment padding between them. Columns are always named (never read or written by position).
CREATE TABLE account_snapshots (
    snapshot_id                      bigint GENERATED ALWAYS AS IDENTITY,
    snapshot_timestamp               timestamptz  NOT NULL,
    account_id                       bigint       NOT NULL,
    customer_id                      bigint       NOT NULL,
    job_instance_id                  bigint       NOT NULL,
    job_execution_id                 bigint       NOT NULL,
    previous_snapshot_id             bigint,
    created_at                       timestamptz  NOT NULL DEFAULT now(),

    snapshot_version                 int          NOT NULL DEFAULT 1,
    snapshot_sequence_number         int          NOT NULL,
    days_since_last_snapshot         int,
    last_qbr_date                    date,
    next_qbr_date                    date,
    stakeholder_count                int,
    product_count                    int          NOT NULL,
    total_kpis                       int          NOT NULL,
    account_level_kpis               int          NOT NULL,
    product_level_kpis               int          NOT NULL,
    critical_kpis_count              int          NOT NULL,
    at_risk_kpis_count               int          NOT NULL,
    healthy_kpis_count               int          NOT NULL,
    unscored_kpis_count              int          NOT NULL,
    playbooks_running_count          int          NOT NULL,
    playbooks_completed_count        int          NOT NULL,
    playbooks_completed_last_30_days int          NOT NULL,
    is_significant_change            boolean      NOT NULL,

    snapshot_type                    varchar(30)  NOT NULL,
    snapshot_reason                  varchar(255),
    trigger_event                    varchar(100),
    account_name                     text         NOT NULL,
    account_status                   text,
    industry                         text,
    region                           text,
    external_account_id              text,
    revenue                          numeric(15,2),
    account_tier                     text,
    assigned_csm                     text,
    csm_manager                      text,
    account_owner                    text,
    lifecycle_stage                  text,
    onboarding_status                text,
    engagement_score                 numeric(5,2),
    primary_champion                 text,
    champion_status                  text,
    products_used                    jsonb        NOT NULL DEFAULT '[]',
    primary_product                  text,
    overall_health_score             numeric(5,2),
    product_usage_score              numeric(5,2),
    support_score                    numeric(5,2),
    customer_sentiment_score         numeric(5,2),
    business_outcomes_score          numeric(5,2),
    relationship_strength_score      numeric(5,2),
    health_score_source              varchar(20)  NOT NULL,
    top_critical_kpis                jsonb        NOT NULL DEFAULT '[]',
    playbooks_running                jsonb        NOT NULL DEFAULT '[]',
    last_playbook_executed           jsonb,
    playbook_recommendations_active  jsonb        NOT NULL DEFAULT '[]',
    recent_playbook_report_ids       jsonb        NOT NULL DEFAULT '[]',
    recent_csm_note_ids              jsonb        NOT NULL DEFAULT '[]',
    health_score_change_from_last    numeric(5,2),
    revenue_change_from_last         numeric(15,2),
    revenue_change_percent           numeric(12,2),
    health_score_trend               varchar(20)  NOT NULL,
    changed_fields                   jsonb,

    CONSTRAINT account_snapshots_pkey PRIMARY KEY (snapshot_id, snapshot_timestamp),
    -- exactly once per run: every snapshot of a job instance carries the run's as-of, so this is the
    -- (job_instance_id, account_id) key of before, in a form a partitioned table can enforce
    CONSTRAINT account_snapshots_job_instance_uk UNIQUE (job_instance_id, account_id, snapshot_timestamp),
    CONSTRAINT account_snapshots_health_source_ck
        CHECK (health_score_source IN ('health_trend', 'kpi_proxy', 'none')),
    CONSTRAINT account_snapshots_trend_ck
        CHECK (health_score_trend IN ('improving', 'declining', 'stable'))
) PARTITION BY RANGE (snapshot_timestamp);
-- An account's history by time (the API, the freshness gauge) and a customer's snapshots by time (the API).
-- The per-account sequence is unique through account_snapshot_heads (below): a unique index on it would have to
-- carry snapshot_timestamp, which would make it enforce nothing.
CREATE INDEX account_snapshots_account_time_idx ON account_snapshots (account_id, snapshot_timestamp);
CREATE INDEX account_snapshots_customer_time_idx ON account_snapshots (customer_id, snapshot_timestamp);

-- 3. The partition of a month, created when missing. Two processes creating the same month serialise on an
-- advisory lock (the second finds it made); the lock is the transaction's, released at its end. A month that
-- exists costs one catalog lookup and takes no lock.
CREATE FUNCTION create_account_snapshot_partition(at timestamptz) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
    first_day timestamp := date_trunc('month', at AT TIME ZONE 'UTC');
    partition_name text := 'account_snapshots_' || to_char(first_day, 'YYYY_MM');
BEGIN
    IF to_regclass(partition_name) IS NOT NULL THEN
        RETURN false;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('account_snapshots partitions'));
    -- the lock does not refresh this session's view of the catalog: the other process's partition shows as the
    -- name being taken when this one tries to create it
    EXECUTE format('CREATE TABLE %I PARTITION OF account_snapshots FOR VALUES FROM (%L) TO (%L)',
            partition_name, to_char(first_day, 'YYYY-MM-DD') || ' 00:00:00+00',
            to_char(first_day + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
    RETURN true;
EXCEPTION WHEN duplicate_table THEN
    RETURN false;
END $$;
COMMENT ON FUNCTION create_account_snapshot_partition(timestamptz) IS
    'Creates the account_snapshots partition of the UTC month of the instant, if missing; true when it made it';

-- 4. The months the rows need, then the rows in batches of consecutive ids (each batch one index range scan).
SELECT create_account_snapshot_partition(month)
FROM (SELECT DISTINCT date_trunc('month', snapshot_timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month
      FROM account_snapshots_unpartitioned) months;

DO $$
DECLARE
    batch constant bigint := 50000;
    next_id bigint;
    last_id bigint;
BEGIN
    SELECT min(snapshot_id), max(snapshot_id) INTO next_id, last_id FROM account_snapshots_unpartitioned;
    WHILE next_id <= last_id LOOP
        INSERT INTO account_snapshots (snapshot_id, snapshot_timestamp, account_id, customer_id, job_instance_id,
            job_execution_id, previous_snapshot_id, created_at, snapshot_version, snapshot_sequence_number,
            days_since_last_snapshot, last_qbr_date, next_qbr_date, stakeholder_count, product_count, total_kpis,
            account_level_kpis, product_level_kpis, critical_kpis_count, at_risk_kpis_count, healthy_kpis_count,
            unscored_kpis_count, playbooks_running_count, playbooks_completed_count,
            playbooks_completed_last_30_days, is_significant_change, snapshot_type, snapshot_reason, trigger_event,
            account_name, account_status, industry, region, external_account_id, revenue, account_tier,
            assigned_csm, csm_manager, account_owner, lifecycle_stage, onboarding_status, engagement_score,
            primary_champion, champion_status, products_used, primary_product, overall_health_score,
            product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
            relationship_strength_score, health_score_source, top_critical_kpis, playbooks_running,
            last_playbook_executed, playbook_recommendations_active, recent_playbook_report_ids,
            recent_csm_note_ids, health_score_change_from_last, revenue_change_from_last, revenue_change_percent,
            health_score_trend, changed_fields)
        OVERRIDING SYSTEM VALUE
        SELECT snapshot_id, snapshot_timestamp, account_id, customer_id, job_instance_id,
            job_execution_id, previous_snapshot_id, created_at, snapshot_version, snapshot_sequence_number,
            days_since_last_snapshot, last_qbr_date, next_qbr_date, stakeholder_count, product_count, total_kpis,
            account_level_kpis, product_level_kpis, critical_kpis_count, at_risk_kpis_count, healthy_kpis_count,
            unscored_kpis_count, playbooks_running_count, playbooks_completed_count,
            playbooks_completed_last_30_days, is_significant_change, snapshot_type, snapshot_reason, trigger_event,
            account_name, account_status, industry, region, external_account_id, revenue, account_tier,
            assigned_csm, csm_manager, account_owner, lifecycle_stage, onboarding_status, engagement_score,
            primary_champion, champion_status, products_used, primary_product, overall_health_score,
            product_usage_score, support_score, customer_sentiment_score, business_outcomes_score,
            relationship_strength_score, health_score_source, top_critical_kpis, playbooks_running,
            last_playbook_executed, playbook_recommendations_active, recent_playbook_report_ids,
            recent_csm_note_ids, health_score_change_from_last, revenue_change_from_last, revenue_change_percent,
            health_score_trend, changed_fields
        FROM account_snapshots_unpartitioned
        WHERE snapshot_id >= next_id AND snapshot_id < next_id + batch;
        next_id := next_id + batch;
    END LOOP;
END $$;

-- 5. The identity goes on from where the old one was: no id is ever handed out twice.
SELECT setval(pg_get_serial_sequence('account_snapshots', 'snapshot_id'), last_value, is_called)
FROM account_snapshots_unpartitioned_snapshot_id_seq;

DROP TABLE account_snapshots_unpartitioned;

-- 6. The heads: per account, its latest snapshot (greatest sequence number) with what the next snapshot
-- compares against (its tracked fields as stored, health score, revenue, status), and the one before it (what
-- the health trend reads). The enrichment reads these instead of the history, so that a run's cost does not
-- grow with the depth of history. The account_id key is also what keeps the per-account sequence unique.
CREATE TABLE account_snapshot_heads (
    account_id                    bigint       PRIMARY KEY,
    snapshot_id                   bigint       NOT NULL,
    snapshot_timestamp            timestamptz  NOT NULL,
    prior_snapshot_id             bigint,
    prior_snapshot_timestamp      timestamptz,
    snapshot_sequence_number      int          NOT NULL,
    prior_sequence_number         int,
    overall_health_score          numeric(5,2),
    revenue                       numeric(15,2),
    account_status                text,
    prior_overall_health_score    numeric(5,2),
    prior_revenue                 numeric(15,2),
    prior_account_status          text,
    tracked_fields                jsonb        NOT NULL
);
COMMENT ON TABLE account_snapshot_heads IS
    'Per account: its latest snapshot and the one before, as the next snapshot needs them; kept by triggers';

-- The tracked fields of a snapshot row as stored (docs/snapshot-fields.md, "changed_fields"), as one object, from
-- the row's to_jsonb (which reads each column as jsonb_build_object would).
CREATE FUNCTION account_snapshot_tracked_fields(s jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE AS $$
    SELECT jsonb_build_object('account_name', s->'account_name', 'account_status', s->'account_status',
        'industry', s->'industry', 'region', s->'region', 'external_account_id', s->'external_account_id',
        'revenue', s->'revenue', 'account_tier', s->'account_tier', 'assigned_csm', s->'assigned_csm',
        'csm_manager', s->'csm_manager', 'account_owner', s->'account_owner',
        'lifecycle_stage', s->'lifecycle_stage', 'onboarding_status', s->'onboarding_status',
        'last_qbr_date', s->'last_qbr_date', 'next_qbr_date', s->'next_qbr_date',
        'engagement_score', s->'engagement_score', 'primary_champion', s->'primary_champion',
        'champion_status', s->'champion_status', 'stakeholder_count', s->'stakeholder_count',
        'products_used', s->'products_used', 'product_count', s->'product_count',
        'primary_product', s->'primary_product', 'overall_health_score', s->'overall_health_score',
        'product_usage_score', s->'product_usage_score', 'support_score', s->'support_score',
        'customer_sentiment_score', s->'customer_sentiment_score',
        'business_outcomes_score', s->'business_outcomes_score',
        'relationship_strength_score', s->'relationship_strength_score',
        'health_score_source', s->'health_score_source', 'total_kpis', s->'total_kpis',
        'account_level_kpis', s->'account_level_kpis', 'product_level_kpis', s->'product_level_kpis',
        'critical_kpis_count', s->'critical_kpis_count', 'at_risk_kpis_count', s->'at_risk_kpis_count',
        'healthy_kpis_count', s->'healthy_kpis_count', 'unscored_kpis_count', s->'unscored_kpis_count',
        'top_critical_kpis', s->'top_critical_kpis', 'playbooks_running', s->'playbooks_running',
        'playbooks_running_count', s->'playbooks_running_count',
        'playbooks_completed_count', s->'playbooks_completed_count',
        'playbooks_completed_last_30_days', s->'playbooks_completed_last_30_days',
        'last_playbook_executed', s->'last_playbook_executed',
        'playbook_recommendations_active', s->'playbook_recommendations_active',
        'recent_playbook_report_ids', s->'recent_playbook_report_ids',
        'recent_csm_note_ids', s->'recent_csm_note_ids')
$$;

-- The heads of the given accounts, built again from their history (after rows were removed, moved or changed
-- by a maintenance path); an account without snapshots left loses its head.
CREATE FUNCTION rebuild_account_snapshot_heads(accounts bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM account_snapshot_heads WHERE account_id = ANY(accounts);
    INSERT INTO account_snapshot_heads (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
        prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
        account_status, prior_overall_health_score, prior_revenue, prior_account_status, tracked_fields)
    SELECT (l.s).account_id, (l.s).snapshot_id, (l.s).snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
        (l.s).snapshot_sequence_number, p.snapshot_sequence_number, (l.s).overall_health_score, (l.s).revenue,
        (l.s).account_status, p.overall_health_score, p.revenue, p.account_status,
        account_snapshot_tracked_fields(to_jsonb(l.s))
    FROM (SELECT DISTINCT unnest(accounts) AS account_id) a
    CROSS JOIN LATERAL (SELECT s FROM account_snapshots s WHERE s.account_id = a.account_id
                        ORDER BY s.snapshot_sequence_number DESC LIMIT 1) l
    LEFT JOIN LATERAL (SELECT * FROM account_snapshots s WHERE s.account_id = a.account_id
                         AND s.snapshot_sequence_number < (l.s).snapshot_sequence_number
                       ORDER BY s.snapshot_sequence_number DESC LIMIT 1) p ON true;
$$;

-- After an insert (one per chunk): each account's new rows must continue its sequence (the first one head + 1,
-- or 1 for an account without snapshots, then without a gap or a repeat), else the statement fails and the
-- chunk with it; then the heads move to the new latest rows, in the same statement and transaction.
CREATE FUNCTION account_snapshot_heads_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    refused record;
BEGIN
    -- the heads of these accounts are locked first, so a concurrent chunk of the same account waits for this
    -- one and then sees its head
    PERFORM 1 FROM account_snapshot_heads h WHERE h.account_id IN (SELECT account_id FROM inserted)
    ORDER BY h.account_id FOR UPDATE;
    SELECT n.account_id, n.first_sequence, n.last_sequence, n.rows, n.numbers, h.snapshot_sequence_number AS head
    INTO refused
    FROM (SELECT account_id, min(snapshot_sequence_number) AS first_sequence,
                 max(snapshot_sequence_number) AS last_sequence, count(*) AS rows,
                 count(DISTINCT snapshot_sequence_number) AS numbers
          FROM inserted GROUP BY account_id) n
    LEFT JOIN account_snapshot_heads h ON h.account_id = n.account_id
    WHERE n.first_sequence <> coalesce(h.snapshot_sequence_number, 0) + 1
       OR n.numbers <> n.rows OR n.last_sequence - n.first_sequence + 1 <> n.rows
    ORDER BY n.account_id
    LIMIT 1;
    IF FOUND THEN
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
    INSERT INTO account_snapshot_heads AS h (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
        prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
        account_status, prior_overall_health_score, prior_revenue, prior_account_status, tracked_fields)
    SELECT l.account_id, l.snapshot_id, l.snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
        l.snapshot_sequence_number, p.snapshot_sequence_number, l.overall_health_score, l.revenue,
        l.account_status, p.overall_health_score, p.revenue, p.account_status,
        account_snapshot_tracked_fields(to_jsonb(l.s))
    FROM (SELECT DISTINCT ON (i.account_id) i AS s, i.* FROM inserted i
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
        tracked_fields = excluded.tracked_fields;
    RETURN NULL;
END $$;

CREATE FUNCTION account_snapshot_heads_after_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rebuild_account_snapshot_heads(ARRAY(SELECT DISTINCT account_id FROM removed));
    RETURN NULL;
END $$;

CREATE FUNCTION account_snapshot_heads_after_update() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM rebuild_account_snapshot_heads(ARRAY(SELECT account_id FROM removed UNION SELECT account_id FROM added));
    RETURN NULL;
END $$;

CREATE FUNCTION account_snapshot_heads_after_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE account_snapshot_heads;
    RETURN NULL;
END $$;

-- 7. The heads of the history there is, then the triggers that keep them.
INSERT INTO account_snapshot_heads (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
    prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
    account_status, prior_overall_health_score, prior_revenue, prior_account_status, tracked_fields)
SELECT l.account_id, l.snapshot_id, l.snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
    l.snapshot_sequence_number, p.snapshot_sequence_number, l.overall_health_score, l.revenue, l.account_status,
    p.overall_health_score, p.revenue, p.account_status, account_snapshot_tracked_fields(to_jsonb(l.s))
FROM (SELECT s, s.*, row_number() OVER (PARTITION BY account_id ORDER BY snapshot_sequence_number DESC) AS rank
      FROM account_snapshots s) l
LEFT JOIN (SELECT s.*, row_number() OVER (PARTITION BY account_id ORDER BY snapshot_sequence_number DESC) AS rank
           FROM account_snapshots s) p ON p.account_id = l.account_id AND p.rank = 2
WHERE l.rank = 1;

CREATE TRIGGER account_snapshot_heads_insert AFTER INSERT ON account_snapshots
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION account_snapshot_heads_after_insert();
CREATE TRIGGER account_snapshot_heads_delete AFTER DELETE ON account_snapshots
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION account_snapshot_heads_after_delete();
CREATE TRIGGER account_snapshot_heads_update AFTER UPDATE ON account_snapshots
    REFERENCING OLD TABLE AS removed NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION account_snapshot_heads_after_update();
CREATE TRIGGER account_snapshot_heads_truncate AFTER TRUNCATE ON account_snapshots
    FOR EACH STATEMENT EXECUTE FUNCTION account_snapshot_heads_after_truncate();
