package com.accountsnapshot.benchmark;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.TrackedFields;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotWriter;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's own limit for the snapshot work: one {@code INSERT ... SELECT} that computes every snapshot
 * field of docs/snapshot-fields.md inside PostgreSQL for the whole portfolio, as a run of type {@code manual} without
 * reason or trigger event would, into {@code account_snapshots} itself (under the job ids it is given), so
 * it maintains the same indexes and constraints the job's inserts do.
 *
 * <p>What it does not reproduce, so that the comparison stays honest about it:
 * <ul>
 * <li>It records no issues: the job also inserts a {@code snapshot_run_issues} row per malformed
 * {@code profile_metadata} value (about 5% of demo accounts) and a {@code skipped} row per out-of-order
 * account; this statement only leaves those fields null / those accounts out.</li>
 * <li>{@code engagement.score} strings with an exponent of 5 or more digits ({@code "1e-99999"}) are null
 * here; the job reads them as 0.00 or as an overflow (null).</li>
 * <li>A {@code last_playbook_executed.started_at} after the year 9999 is not written with the {@code +}
 * Java's {@code Instant} puts before such years.</li>
 * <li>Lower-casing (KPI names, categories, impact levels, statuses) is ASCII-only ({@code COLLATE "C"}, five
 * times cheaper than the database's Unicode {@code lower()}). The lowered text is only compared with ASCII
 * names, so this differs from Java's {@code Locale.ROOT} only for a letter whose lower case is ASCII (the
 * Kelvin sign).</li>
 * <li>Trimming strips the six ASCII whitespace characters (see {@link #WHITESPACE}).</li>
 * <li>Health trends of an account that tie on (year, month), possible only with null years, are taken in
 * whatever order the index gives, as the job's enrichment query does.</li>
 * </ul>
 * Everything else, the messy-but-valid data of the demo portfolio included, gives the job's values
 * ({@code SetBasedSnapshotInsertTest} compares every column on every account).
 */
final class SetBasedSnapshotInsert {

    /**
     * What trimming strips: the six ASCII whitespace characters. Java's {@code String.trim()} also strips the
     * other control characters below U+0020; a set of all 32 costs PostgreSQL about a second per million
     * values more, for characters the source data does not hold.
     */
    static final String WHITESPACE = " \t\n\u000B\f\r";

    private static final String INSERT = JdbcSnapshotWriter.INSERT_INTO_SNAPSHOTS + """
            WITH run AS (
                SELECT as_of, ws, extract(year FROM as_of AT TIME ZONE 'UTC')::int AS as_of_year,
                       extract(month FROM as_of AT TIME ZONE 'UTC')::int AS as_of_month
                FROM (SELECT CAST(:as_of AS timestamptz) AS as_of, CAST(:whitespace AS text) AS ws) given
            ),
            -- docs/snapshot-fields.md#kpi-health-rules "Range": keyed by the trimmed, lower-cased name; of names that collide, the first by kpi_name
            ranges AS (
                SELECT DISTINCT ON (lower(btrim(r.kpi_name, run.ws) COLLATE "C"))
                       lower(btrim(r.kpi_name, run.ws) COLLATE "C") AS name_key,
                       r.higher_is_better, r.critical_bound, r.healthy_bound
                FROM kpi_reference_ranges r CROSS JOIN run
                ORDER BY lower(btrim(r.kpi_name, run.ws) COLLATE "C"), r.kpi_name
            ),
            -- docs/snapshot-fields.md#kpi-health-rules "Proxy scores": the category spellings (trimmed, lower case) that feed each component
            components (spelling, component) AS (
                SELECT name || suffix, component
                FROM (VALUES ('product usage', 1), ('support', 2), ('customer sentiment', 3),
                             ('business outcomes', 4), ('relationship strength', 5)) c(name, component)
                CROSS JOIN (VALUES (''), (' kpi'), (' kpis')) s(suffix)
            ),
            -- the distinct texts of the KPIs, in one pass: the names, categories, impact levels and values are
            -- each trimmed, lower-cased and parsed once per distinct text (a few hundred names, a few per cent of
            -- the values), not once per KPI; g tells which column a row holds
            kpi_texts AS MATERIALIZED (
                SELECT kpi_parameter, category, impact_level, data,
                       GROUPING(kpi_parameter, category, impact_level, data) AS g
                FROM kpis
                GROUP BY GROUPING SETS ((kpi_parameter), (category), (impact_level), (data))
            ),
            parameter_ranges AS (
                SELECT t.kpi_parameter, r.higher_is_better, r.critical_bound, r.healthy_bound
                FROM kpi_texts t CROSS JOIN run
                JOIN ranges r ON r.name_key = lower(btrim(t.kpi_parameter, run.ws) COLLATE "C")
                WHERE t.g = 7
            ),
            category_components AS (
                SELECT t.category, c.component
                FROM kpi_texts t CROSS JOIN run
                JOIN components c ON c.spelling = lower(btrim(t.category, run.ws) COLLATE "C")
                WHERE t.g = 11
            ),
            impact_weights AS (
                SELECT t.impact_level,
                       CASE lower(btrim(t.impact_level, run.ws) COLLATE "C") WHEN 'high' THEN 3 WHEN 'medium' THEN 2
                                                                              ELSE 1 END AS weight
                FROM kpi_texts t CROSS JOIN run
                WHERE t.g = 13
            ),
            -- docs/snapshot-fields.md#kpi-health-rules "Value": a regex tells the values the parser reads (an optional $, -?digits[.digits] with
            -- commas anywhere, an optional K/M, an optional %, an optional unit word after whitespace); their
            -- pieces use disjoint characters, so plain string functions then take them apart: the core before
            -- the unit word, without its $ and %, is the number and its K/M
            value_cores AS (
                SELECT t.data,
                       CASE WHEN btrim(t.data, run.ws) ~
                                '^[$]?,*-?,*[0-9][0-9,]*([.],*[0-9][0-9,]*)?[KkMm]?%?([ \\t\\n\\v\\f\\r]+[A-Za-z]+)?$'
                            THEN rtrim(ltrim(split_part(translate(btrim(t.data, run.ws),
                                     chr(9) || chr(10) || chr(11) || chr(12) || chr(13), '     '), ' ', 1), '$'), '%')
                       END AS core
                FROM kpi_texts t CROSS JOIN run
                WHERE t.g = 14 AND t.data IS NOT NULL
                OFFSET 0
            ),
            kpi_numbers AS (
                SELECT v.data,
                       replace(rtrim(core, 'KkMm'), ',', '')::numeric
                           * CASE right(core, 1) WHEN 'K' THEN 1000 WHEN 'k' THEN 1000 WHEN 'M' THEN 1000000
                                                 WHEN 'm' THEN 1000000 ELSE 1 END AS value
                FROM value_cores v
                WHERE core IS NOT NULL
            ),
            -- every KPI once, with what its texts decide
            kpi_values AS (
                SELECT k.account_id, k.customer_id, k.kpi_id, k.product_id, k.category, k.kpi_parameter, k.data,
                       k.impact_level, coalesce(w.weight, 1) AS weight,
                       coalesce(r.higher_is_better, true) AS higher_is_better,
                       coalesce(r.critical_bound, 50) AS critical_bound,
                       coalesce(r.healthy_bound, 81) AS healthy_bound,
                       c.component, n.value
                FROM kpis k
                CROSS JOIN run
                LEFT JOIN parameter_ranges r ON r.kpi_parameter = k.kpi_parameter
                LEFT JOIN category_components c ON c.category = k.category
                LEFT JOIN impact_weights w ON w.impact_level = k.impact_level
                LEFT JOIN kpi_numbers n ON n.data = k.data
                -- point in time: the KPIs that existed at asOf, or carry no time
                WHERE k.created_at IS NULL OR k.created_at <= run.as_of
            ),
            kpi_statuses AS (
                SELECT kv.*,
                       CASE WHEN value IS NULL THEN NULL
                            WHEN higher_is_better THEN CASE WHEN value <= critical_bound THEN 'critical'
                                                            WHEN value >= healthy_bound THEN 'healthy'
                                                            ELSE 'at_risk' END
                            ELSE CASE WHEN value >= critical_bound THEN 'critical'
                                      WHEN value <= healthy_bound THEN 'healthy' ELSE 'at_risk' END
                       END AS status
                FROM kpi_values kv
            ),
            -- per account: the counts, the top critical KPIs, and per component c the weighted score sum n_c
            -- and the weight sum d_c of its scored KPIs
            kpi_summaries AS (
                SELECT account_id, customer_id,
                       count(*) AS total,
                       count(*) FILTER (WHERE product_id IS NULL) AS account_level,
                       count(*) FILTER (WHERE status = 'critical') AS critical,
                       count(*) FILTER (WHERE status = 'at_risk') AS at_risk,
                       count(*) FILTER (WHERE status = 'healthy') AS healthy,
                       count(*) FILTER (WHERE status IS NULL) AS unscored,
                       to_jsonb((array_agg(jsonb_build_object('kpi_id', kpi_id, 'kpi_parameter', kpi_parameter,
                               'category', category, 'product_id', product_id, 'value', data,
                               'impact_level', impact_level)
                           ORDER BY weight DESC, kpi_id) FILTER (WHERE status = 'critical'))[1 : 5]) AS top_critical,
                       sum(weight * score) FILTER (WHERE scored_component = 1) AS n1,
                       sum(weight) FILTER (WHERE scored_component = 1) AS d1,
                       sum(weight * score) FILTER (WHERE scored_component = 2) AS n2,
                       sum(weight) FILTER (WHERE scored_component = 2) AS d2,
                       sum(weight * score) FILTER (WHERE scored_component = 3) AS n3,
                       sum(weight) FILTER (WHERE scored_component = 3) AS d3,
                       sum(weight * score) FILTER (WHERE scored_component = 4) AS n4,
                       sum(weight) FILTER (WHERE scored_component = 4) AS d4,
                       sum(weight * score) FILTER (WHERE scored_component = 5) AS n5,
                       sum(weight) FILTER (WHERE scored_component = 5) AS d5
                FROM (SELECT ks.*,
                             CASE status WHEN 'healthy' THEN 100 WHEN 'at_risk' THEN 60 WHEN 'critical' THEN 0 END
                                 AS score,
                             CASE WHEN status IS NOT NULL THEN component END AS scored_component
                      FROM kpi_statuses ks) scored
                GROUP BY account_id, customer_id
            ),
            product_names AS (
                SELECT account_id, customer_id, jsonb_agg(product_name ORDER BY first_id) AS names
                FROM (SELECT account_id, customer_id, product_name, min(product_id) AS first_id
                      FROM products CROSS JOIN run
                      WHERE created_at IS NULL OR created_at <= run.as_of
                      GROUP BY account_id, customer_id, product_name) named
                GROUP BY account_id, customer_id
            ),
            -- docs/snapshot-fields.md "Playbooks": statuses lower-cased with _ read as -, as they stood at asOf: the executions
            -- started by then; completed only when completed_at is not after asOf, else still in progress, as a
            -- failed or cancelled execution that ended after asOf is
            executions_at AS (
                SELECT e.account_id, e.customer_id, e.id, e.playbook_id, e.started_at, e.completed_at,
                       CASE WHEN st.status = 'completed' AND e.completed_at <= run.as_of THEN 'completed'
                            WHEN st.status = 'completed' THEN 'in-progress'
                            WHEN st.status IN ('failed', 'cancelled') AND e.completed_at > run.as_of THEN 'in-progress'
                            ELSE st.status END AS status
                FROM playbook_executions e
                CROSS JOIN run
                CROSS JOIN LATERAL (SELECT replace(lower(e.status COLLATE "C"), '_', '-') AS status) st
                WHERE e.started_at <= run.as_of
            ),
            playbooks AS (
                SELECT e.account_id, e.customer_id,
                       jsonb_agg(e.playbook_id ORDER BY e.started_at, e.id) FILTER (WHERE e.status = 'in-progress')
                           AS running,
                       count(*) FILTER (WHERE e.status = 'in-progress') AS running_count,
                       count(*) FILTER (WHERE e.status = 'completed') AS completed_count,
                       count(*) FILTER (WHERE e.status = 'completed'
                                        AND e.completed_at >= run.as_of - interval '720 hours') AS completed_recently,
                       (array_agg(e.playbook_id ORDER BY e.started_at DESC, e.id DESC))[1] AS last_playbook_id,
                       max(e.started_at) AS last_started_at
                FROM executions_at e
                CROSS JOIN run
                GROUP BY e.account_id, e.customer_id
            ),
            recommendations AS (
                SELECT customer_id, jsonb_agg(playbook_type ORDER BY playbook_type COLLATE "C") AS types
                FROM (SELECT DISTINCT customer_id, playbook_type FROM playbook_triggers
                      WHERE auto_trigger_enabled AND playbook_type IS NOT NULL) t
                GROUP BY customer_id
            ),
            -- the newest rows of each account, over the whole table in index order: its latest health trend month,
            -- its newest three reports and five notes as of asOf
            latest_trends AS (
                SELECT DISTINCT ON (h.account_id, h.customer_id) h.*
                FROM health_trends h CROSS JOIN run
                WHERE h.year IS NULL OR h.month IS NULL OR (h.year, h.month) <= (run.as_of_year, run.as_of_month)
                ORDER BY h.account_id, h.customer_id, h.year DESC NULLS LAST, h.month DESC NULLS LAST
            ),
            recent_reports AS (
                SELECT account_id, customer_id, jsonb_agg(report_id ORDER BY newest) AS ids
                FROM (SELECT r.account_id, r.customer_id, r.report_id,
                             row_number() OVER (PARTITION BY r.account_id, r.customer_id
                                                ORDER BY r.report_generated_at DESC, r.report_id DESC) AS newest
                      FROM playbook_reports r CROSS JOIN run
                      WHERE r.report_generated_at <= run.as_of) ranked
                WHERE newest <= 3
                GROUP BY account_id, customer_id
            ),
            recent_notes AS (
                SELECT account_id, customer_id, jsonb_agg(note_id ORDER BY newest) AS ids
                FROM (SELECT n.account_id, n.customer_id, n.note_id,
                             row_number() OVER (PARTITION BY n.account_id, n.customer_id
                                                ORDER BY n.created_at DESC, n.note_id DESC) AS newest
                      FROM account_notes n CROSS JOIN run
                      WHERE n.created_at <= run.as_of) ranked
                WHERE newest <= 5
                GROUP BY account_id, customer_id
            ),
            gathered AS (
                SELECT a.*, run.as_of, run.ws,
                       ks.total, ks.account_level, ks.critical, ks.at_risk, ks.healthy, ks.unscored, ks.top_critical,
                       ks.n1, ks.d1, ks.n2, ks.d2, ks.n3, ks.d3, ks.n4, ks.d4, ks.n5, ks.d5,
                       pn.names AS product_rows, rec.types AS recommended,
                       pb.running, pb.running_count, pb.completed_count, pb.completed_recently,
                       pb.last_playbook_id, pb.last_started_at,
                       t.overall_health_score AS t_overall, t.product_usage_score AS t_usage,
                       t.support_score AS t_support, t.customer_sentiment_score AS t_sentiment,
                       t.business_outcomes_score AS t_outcomes, t.relationship_strength_score AS t_relationship,
                       rep.ids AS report_ids, notes.ids AS note_ids,
                       p1.snapshot_id AS p1_id, p1.snapshot_sequence_number AS p1_sequence,
                       p1.snapshot_timestamp AS p1_time, p1.overall_health_score AS p1_overall,
                       p1.revenue AS p1_revenue, p1.account_status AS p1_status,
                       p1.prior_overall_health_score AS p2_overall
                FROM accounts a
                CROSS JOIN run
                -- the related rows are aggregated per (account_id, customer_id): those filed under another
                -- customer never join
                LEFT JOIN kpi_summaries ks ON ks.account_id = a.account_id AND ks.customer_id = a.customer_id
                LEFT JOIN product_names pn ON pn.account_id = a.account_id AND pn.customer_id = a.customer_id
                LEFT JOIN playbooks pb ON pb.account_id = a.account_id AND pb.customer_id = a.customer_id
                LEFT JOIN recommendations rec ON rec.customer_id = a.customer_id
                LEFT JOIN latest_trends t ON t.account_id = a.account_id AND t.customer_id = a.customer_id
                LEFT JOIN recent_reports rep ON rep.account_id = a.account_id AND rep.customer_id = a.customer_id
                LEFT JOIN recent_notes notes ON notes.account_id = a.account_id AND notes.customer_id = a.customer_id
                -- the latest snapshot and the one before it, from the account's head
                LEFT JOIN account_snapshot_heads p1 ON p1.account_id = a.account_id
                -- docs/snapshot-fields.md#cooldown-and-out-of-order-snapshots: never before the account's latest snapshot; not within the type's cooldown
                WHERE p1.snapshot_id IS NULL
                   OR (p1.snapshot_timestamp <= run.as_of
                       AND run.as_of - p1.snapshot_timestamp >= make_interval(secs => :cooldown_seconds))
            ),
            -- docs/snapshot-fields.md "Health", docs/snapshot-fields.md#kpi-health-rules "Proxy scores": the overall proxy as the one exact fraction
            -- sum(W_c * n_c * product of the other d) / (sum of the present W_c * product of all d), with
            -- W = 20, 20, 20, 25, 15 and an absent component's d taken as 1, rounded HALF_UP to 2 places in integer
            -- arithmetic: for integers N >= 0, D > 0, round(N / D, 2) = div(200 N + D, 2 D) / 100 exactly
            healthed AS (
                SELECT g.*,
                       CASE WHEN g.t_overall IS NOT NULL THEN 'health_trend'
                            WHEN coalesce(g.d1, g.d2, g.d3, g.d4, g.d5) IS NOT NULL THEN 'kpi_proxy'
                            ELSE 'none' END AS source,
                       CASE WHEN coalesce(g.d1, g.d2, g.d3, g.d4, g.d5) IS NOT NULL
                            THEN div(200 * f.n + f.d, 2 * f.d) * 0.01 END AS proxy_overall
                FROM gathered g
                CROSS JOIN LATERAL (SELECT coalesce(g.d1, 1)::numeric AS d1, coalesce(g.d2, 1)::numeric AS d2,
                                           coalesce(g.d3, 1)::numeric AS d3, coalesce(g.d4, 1)::numeric AS d4,
                                           coalesce(g.d5, 1)::numeric AS d5) q
                CROSS JOIN LATERAL (SELECT
                           20 * coalesce(g.n1, 0) * q.d2 * q.d3 * q.d4 * q.d5
                            + 20 * coalesce(g.n2, 0) * q.d1 * q.d3 * q.d4 * q.d5
                            + 20 * coalesce(g.n3, 0) * q.d1 * q.d2 * q.d4 * q.d5
                            + 25 * coalesce(g.n4, 0) * q.d1 * q.d2 * q.d3 * q.d5
                            + 15 * coalesce(g.n5, 0) * q.d1 * q.d2 * q.d3 * q.d4 AS n,
                           (CASE WHEN g.d1 IS NULL THEN 0 ELSE 20 END + CASE WHEN g.d2 IS NULL THEN 0 ELSE 20 END
                               + CASE WHEN g.d3 IS NULL THEN 0 ELSE 20 END + CASE WHEN g.d4 IS NULL THEN 0 ELSE 25 END
                               + CASE WHEN g.d5 IS NULL THEN 0 ELSE 15 END) * q.d1 * q.d2 * q.d3 * q.d4 * q.d5 AS d) f
            ),
            scored AS (
                SELECT h.*,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_overall, 2)
                           WHEN 'kpi_proxy' THEN h.proxy_overall END AS overall,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_usage, 2)
                           WHEN 'kpi_proxy' THEN div(200 * h.n1 + h.d1, 2 * h.d1) * 0.01 END AS usage,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_support, 2)
                           WHEN 'kpi_proxy' THEN div(200 * h.n2 + h.d2, 2 * h.d2) * 0.01 END AS support,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_sentiment, 2)
                           WHEN 'kpi_proxy' THEN div(200 * h.n3 + h.d3, 2 * h.d3) * 0.01 END AS sentiment,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_outcomes, 2)
                           WHEN 'kpi_proxy' THEN div(200 * h.n4 + h.d4, 2 * h.d4) * 0.01 END AS outcomes,
                       CASE h.source WHEN 'health_trend' THEN round(h.t_relationship, 2)
                           WHEN 'kpi_proxy' THEN div(200 * h.n5 + h.d5, 2 * h.d5) * 0.01 END AS relationship
                FROM healthed h
                OFFSET 0 -- the scores are computed once per account, not once per reference below
            ),
            -- docs/snapshot-fields.md "Change": differences of the rounded values; significance is decided before the column
            -- limits turn a difference too large for its column into null
            changed AS (
                SELECT s.*,
                       s.overall - s.p1_overall AS health_change,
                       s.revenue - s.p1_revenue AS revenue_change,
                       CASE WHEN s.p1_revenue > 0 THEN
                           trunc(sign(s.revenue - s.p1_revenue)
                                 * div(20000 * abs(s.revenue - s.p1_revenue) + s.p1_revenue, 2 * s.p1_revenue)) * 0.01 END
                           AS revenue_percent,
                       coalesce(s.overall, s.p1_overall, s.p2_overall) AS trend_first,
                       coalesce(s.p2_overall, s.p1_overall, s.overall) AS trend_last,
                       (s.overall IS NOT NULL)::int + (s.p1_overall IS NOT NULL)::int + (s.p2_overall IS NOT NULL)::int
                           AS trend_values
                FROM scored s
            ),
            -- the snapshot rows as inserted, but for changed_fields
            snapshot_rows ({snapshot_columns}) AS (
            SELECT 1, CAST(:job_instance_id AS bigint), CAST(:job_execution_id AS bigint),
                   c.account_id, c.customer_id, c.as_of, :snapshot_type, NULL, NULL, c.p1_id,
                   c.account_name, c.account_status, c.industry, c.region, c.external_account_id, c.revenue,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'account_tier') = 'string'
                        THEN c.profile_metadata ->> 'account_tier' END,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'assigned_csm') = 'string'
                        THEN c.profile_metadata ->> 'assigned_csm' END,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'csm_manager') = 'string'
                        THEN c.profile_metadata ->> 'csm_manager' END,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'account_owner') = 'string'
                        THEN c.profile_metadata ->> 'account_owner' END,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'engagement' -> 'lifecycle_stage') = 'string'
                        THEN c.profile_metadata -> 'engagement' ->> 'lifecycle_stage' END,
                   CASE WHEN jsonb_typeof(c.profile_metadata -> 'engagement' -> 'onboarding_status') = 'string'
                        THEN c.profile_metadata -> 'engagement' ->> 'onboarding_status' END,
                   qbr.last_date, qbr.next_date,
                   CASE WHEN abs(score.value) >= 999.995 THEN NULL WHEN abs(score.value) < 0.005 THEN 0.00
                        ELSE round(score.value, 2) END,
                   CASE jsonb_typeof(champion.first)
                        WHEN 'string' THEN champion.first #>> '{}'
                        WHEN 'object' THEN CASE WHEN jsonb_typeof(champion.first -> 'name') = 'string'
                                                THEN champion.first ->> 'name' END END,
                   CASE WHEN jsonb_typeof(champion.first -> 'status') = 'string' THEN champion.first ->> 'status' END,
                   CASE WHEN c.profile_metadata IS NULL THEN 0
                        WHEN jsonb_typeof(c.profile_metadata) <> 'object' THEN NULL
                        WHEN coalesce(jsonb_typeof(c.profile_metadata -> 'champions'), 'null') = 'null' THEN 0
                        WHEN jsonb_typeof(c.profile_metadata -> 'champions') = 'array'
                        THEN jsonb_array_length(c.profile_metadata -> 'champions') END,
                   coalesce(c.product_rows, fallback.names, '[]'),
                   coalesce(jsonb_array_length(coalesce(c.product_rows, fallback.names)), 0),
                   coalesce(c.product_rows, fallback.names) ->> 0,
                   c.overall, c.usage, c.support, c.sentiment, c.outcomes, c.relationship, c.source,
                   coalesce(c.total, 0), coalesce(c.account_level, 0), coalesce(c.total - c.account_level, 0),
                   coalesce(c.critical, 0), coalesce(c.at_risk, 0), coalesce(c.healthy, 0), coalesce(c.unscored, 0),
                   coalesce(c.top_critical, '[]'),
                   coalesce(c.running, '[]'), coalesce(c.running_count, 0), coalesce(c.completed_count, 0),
                   coalesce(c.completed_recently, 0),
                   CASE WHEN c.last_started_at IS NOT NULL THEN jsonb_build_object('playbook_id', c.last_playbook_id,
                       'started_at', to_char(c.last_started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
                           || CASE WHEN fraction.micros = 0 THEN ''
                                   WHEN fraction.micros % 1000 = 0
                                   THEN '.' || lpad((fraction.micros / 1000)::text, 3, '0')
                                   ELSE '.' || lpad(fraction.micros::text, 6, '0') END || 'Z') END,
                   coalesce(c.recommended, '[]'),
                   coalesce(c.report_ids, '[]'), coalesce(c.note_ids, '[]'),
                   coalesce(c.p1_sequence + 1, 1),
                   floor(extract(epoch FROM c.as_of - c.p1_time) / 86400)::int,
                   CASE WHEN abs(c.health_change) < 1000 THEN c.health_change END,
                   CASE WHEN abs(c.revenue_change) < 10000000000000 THEN c.revenue_change END,
                   CASE WHEN abs(c.revenue_percent) < 10000000000 THEN c.revenue_percent END,
                   CASE WHEN c.trend_values < 2 THEN 'stable'
                        WHEN c.trend_first - c.trend_last > 3 THEN 'improving'
                        WHEN c.trend_first - c.trend_last < -3 THEN 'declining'
                        ELSE 'stable' END,
                   c.p1_id IS NOT NULL AND (coalesce(abs(c.health_change) > 5, false)
                       OR coalesce(abs(c.revenue_percent) > 10, false)
                       OR c.account_status IS DISTINCT FROM c.p1_status)
            FROM changed c
            -- engagement.score: a JSON number, or a string that Java's BigDecimal reads
            CROSS JOIN LATERAL (
                SELECT CASE jsonb_typeof(c.profile_metadata -> 'engagement' -> 'score')
                           WHEN 'number' THEN (c.profile_metadata -> 'engagement' -> 'score')::numeric
                           WHEN 'string' THEN CASE WHEN btrim(c.profile_metadata -> 'engagement' ->> 'score', c.ws)
                                                        ~ '^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]{1,4})?$'
                                                   THEN btrim(c.profile_metadata -> 'engagement' ->> 'score',
                                                              c.ws)::numeric END END AS value) score
            -- last_qbr_date, next_qbr_date: YYYY-MM-DD naming a real day of year 1 or later, else null
            CROSS JOIN LATERAL (
                SELECT (SELECT CASE WHEN y >= 1 AND m BETWEEN 1 AND 12 THEN CASE WHEN d >= 1
                                        AND d <= extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')
                                        THEN make_date(y, m, d) END END
                        FROM (SELECT substr(raw_date, 1, 4)::int AS y, substr(raw_date, 6, 2)::int AS m,
                                     substr(raw_date, 9, 2)::int AS d
                              FROM (SELECT c.profile_metadata -> 'engagement' ->> 'last_qbr_date' AS raw_date) raw
                              WHERE jsonb_typeof(c.profile_metadata -> 'engagement' -> 'last_qbr_date') = 'string'
                                AND raw_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') parts) AS last_date,
                       (SELECT CASE WHEN y >= 1 AND m BETWEEN 1 AND 12 THEN CASE WHEN d >= 1
                                        AND d <= extract(day FROM make_date(y, m, 1) + interval '1 month - 1 day')
                                        THEN make_date(y, m, d) END END
                        FROM (SELECT substr(raw_date, 1, 4)::int AS y, substr(raw_date, 6, 2)::int AS m,
                                     substr(raw_date, 9, 2)::int AS d
                              FROM (SELECT c.profile_metadata -> 'engagement' ->> 'next_qbr_date' AS raw_date) raw
                              WHERE jsonb_typeof(c.profile_metadata -> 'engagement' -> 'next_qbr_date') = 'string'
                                AND raw_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') parts) AS next_date) qbr
            -- the first champion, only of an array (-> 0 also reads a plain string as its own first element)
            CROSS JOIN LATERAL (
                SELECT CASE WHEN jsonb_typeof(c.profile_metadata -> 'champions') = 'array'
                            THEN c.profile_metadata -> 'champions' -> 0 END AS first) champion
            -- products_used from the metadata when the account has no product rows: a list or a
            -- comma-separated string; items trimmed, blanks dropped, repeats dropped keeping the first
            LEFT JOIN LATERAL (
                SELECT jsonb_agg(item ORDER BY position) AS names
                FROM (SELECT item, min(position) AS position
                      FROM (SELECT btrim(piece, c.ws) AS item, position
                            FROM string_to_table(c.profile_metadata ->> 'products_used', ',')
                                 WITH ORDINALITY AS s(piece, position)
                            WHERE jsonb_typeof(c.profile_metadata -> 'products_used') = 'string'
                            UNION ALL
                            SELECT btrim(element #>> '{}', c.ws), position
                            FROM jsonb_array_elements(
                                     CASE WHEN jsonb_typeof(c.profile_metadata -> 'products_used') = 'array'
                                          THEN c.profile_metadata -> 'products_used' END)
                                 WITH ORDINALITY AS e(element, position)
                            WHERE jsonb_typeof(element) = 'string') items
                      WHERE item <> ''
                      GROUP BY item) distinct_items
                WHERE c.product_rows IS NULL) fallback ON true
            CROSS JOIN LATERAL (
                SELECT extract(microseconds FROM c.last_started_at AT TIME ZONE 'UTC')::bigint % 1000000 AS micros
            ) fraction
            )
            -- changed_fields: each tracked field whose value differs from the previous snapshot's stored one
            -- (jsonb compares numbers by value, arrays in order, objects by their keys)
            SELECT r.*,
                   CASE WHEN r.previous_snapshot_id IS NOT NULL THEN coalesce((
                       SELECT jsonb_object_agg(f.name, jsonb_build_object('from', f.previous, 'to', f.current))
                       FROM (VALUES {tracked_fields}) f(name, previous, current)
                       WHERE f.previous IS DISTINCT FROM f.current), '{}') END
            FROM snapshot_rows r
            LEFT JOIN account_snapshot_heads head ON head.account_id = r.account_id
            LEFT JOIN account_snapshots prev ON prev.snapshot_id = head.snapshot_id
                                            AND prev.snapshot_timestamp = head.snapshot_timestamp"""
            .replace("{snapshot_columns}", String.join(", ", JdbcSnapshotWriter.INSERTED_COLUMNS.subList(0,
                    JdbcSnapshotWriter.INSERTED_COLUMNS.indexOf("changed_fields"))))
            .replace("{tracked_fields}", TrackedFields.NAMES.stream().map(SetBasedSnapshotInsert::trackedField)
                    .collect(Collectors.joining(",\n                               ")));

    /** One row of the changed_fields VALUES list: the name, the previous stored value, the value inserted. */
    private static String trackedField(String name) {
        // revenue is copied from accounts as it is; the column stores it rounded to 2 places
        String current = name.equals("revenue") ? "CAST(r.revenue AS numeric(15,2))" : "r." + name;
        return "('" + name + "', nullif(to_jsonb(prev." + name + "), 'null'), to_jsonb(" + current + "))";
    }

    /**
     * The settings the statement runs with, for its transaction only, as one would give a statement this size:
     * no JIT compilation (on a server built with it, the planner's cost estimate for this statement sets it off,
     * and compiling its expressions took longer than running them: 35 of 56 s on 20,000 accounts), and the memory
     * for its sorts and hash tables to stay out of temporary files.
     */
    private static final String SETTINGS = "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)";

    private final NamedParameterJdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    SetBasedSnapshotInsert(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Snapshots every account as of {@code asOf} (a manual run: no cooldown) and returns the number of
     * snapshots inserted.
     */
    int insert(Instant asOf, long jobInstanceId, long jobExecutionId) {
        return insert(asOf, Duration.ZERO, jobInstanceId, jobExecutionId);
    }

    int insert(Instant asOf, Duration cooldown, long jobInstanceId, long jobExecutionId) {
        Integer inserted = transactions.execute(status -> {
            jdbc.getJdbcTemplate().queryForList(SETTINGS);
            return jdbc.update(INSERT, new MapSqlParameterSource()
                .addValue("as_of", asOf.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("whitespace", WHITESPACE)
                .addValue("cooldown_seconds", (double) cooldown.toSeconds())
                .addValue("snapshot_type", "manual")
                .addValue("job_instance_id", jobInstanceId)
                .addValue("job_execution_id", jobExecutionId));
        });
        return inserted == null ? 0 : inserted;
    }
}
