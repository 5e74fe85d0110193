package com.accountsnapshot.run;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention over a generated history of 30 months (June 2024 to November 2026) of three accounts: account 1 has
 * a snapshot on the 5th, 15th and 25th of every month, account 2 on the 5th and 15th, account 3 on the 5th,
 * 15th and 25th of June and July 2024 only; all at 02:00 UTC. Retention runs as of 2026-11-20T00:00:00Z with
 * keep-all 12 months (everything since 2025-11-20), keep-monthly 18 months (the last of each month since
 * 2025-05-20, before it the last of each quarter): November 2025 straddles the keep-all boundary, May 2025 the
 * monthly one. Every expected figure below is worked out by hand from those dates.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class SnapshotRetentionTest {

    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");

    /** The history generated: ids 100000 * account + sequence number, in time order, 90 + 60 + 6 rows. */
    private static final String HISTORY = """
            INSERT INTO account_snapshots (snapshot_id, snapshot_timestamp, account_id, customer_id, job_instance_id,
                job_execution_id, previous_snapshot_id, snapshot_sequence_number, days_since_last_snapshot,
                stakeholder_count, product_count, total_kpis, account_level_kpis, product_level_kpis, critical_kpis_count,
                at_risk_kpis_count, healthy_kpis_count, unscored_kpis_count, playbooks_running_count,
                playbooks_completed_count, playbooks_completed_last_30_days, is_significant_change, snapshot_type,
                account_name, account_status, industry, region, external_account_id, revenue, health_score_source,
                health_score_trend, changed_fields)
            OVERRIDING SYSTEM VALUE
            SELECT 100000 * account + sequence, at, account, 100, -1, -1,
                   CASE WHEN sequence > 1 THEN 100000 * account + sequence - 1 END, sequence,
                   CASE WHEN sequence > 1 THEN 10 END, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'scheduled',
                   'Account ' || account || ' (old)', 'active', 'Software', 'EMEA', 'EXT-' || account, 90.00, 'none',
                   'stable', CASE WHEN sequence > 1 THEN '{}'::jsonb END
            FROM (SELECT account, at, row_number() OVER (PARTITION BY account ORDER BY at) AS sequence
                  FROM (SELECT account, (TIMESTAMP '2024-06-01 02:00' + make_interval(months => month, days => day - 1))
                                        AT TIME ZONE 'UTC' AS at
                        FROM generate_series(1, 3) account, generate_series(0, 29) month, unnest(ARRAY[5, 15, 25]) day
                        WHERE (account <> 2 OR day <> 25) AND (account <> 3 OR month <= 1)) dates) numbered""";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JdbcClient client;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    OperatorAudit audit;

    @Autowired
    SnapshotMaintenance maintenance;

    @Autowired
    SnapshotRuns runs;

    /** The partitions there were before the test: the others are dropped after it, so other tests' cleanup stays quick. */
    private List<String> partitionsBefore = List.of();

    @BeforeEach
    void generateHistory() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("DELETE FROM operator_audit");
        partitionsBefore = partitions();
        jdbc.queryForList("SELECT create_account_snapshot_partition(TIMESTAMPTZ '2024-06-01 00:00:00+00' "
                + "+ make_interval(months => m)) FROM generate_series(0, 30) m");
        assertThat(jdbc.update(HISTORY)).isEqualTo(156);
    }

    @Test
    void dryRunCountsEachPartitionAndApplyKeepsExactlyTheLastOfEachMonthAndQuarter() {
        List<Map<String, Object>> before = history();

        // when a dry run
        RetentionPlan plan = retention(null).plan(NOW);

        // then its figures, and nothing changed
        assertThat(plan.applied()).isFalse();
        assertThat(plan.keepAllSince()).isEqualTo(Instant.parse("2025-11-20T00:00:00Z"));
        assertThat(plan.monthlySince()).isEqualTo(Instant.parse("2025-05-20T00:00:00Z"));
        assertThat(plan.nothingBefore()).isNull();
        // the 18 partitions before the keep-all boundary (December 2025 and later hold nothing older)
        assertThat(figures(plan)).containsExactly(
                "account_snapshots_2024_06 thin 8 3", // the last of Q2 2024: June 25 (1, 3), June 15 (2)
                "account_snapshots_2024_07 thin 8 1", // account 3's last of Q3 (its last at all): July 25
                "account_snapshots_2024_08 thin 5 0",
                "account_snapshots_2024_09 thin 5 2", // Q3's last of accounts 1 and 2
                "account_snapshots_2024_10 thin 5 0",
                "account_snapshots_2024_11 thin 5 0",
                "account_snapshots_2024_12 thin 5 2",
                "account_snapshots_2025_01 thin 5 0",
                "account_snapshots_2025_02 thin 5 0",
                "account_snapshots_2025_03 thin 5 2",
                "account_snapshots_2025_04 thin 5 0", // Q2 2025's last rows are in June
                "account_snapshots_2025_05 thin 5 1", // May 25 (monthly tier) of account 1; the 5th and 15th are quarterly
                "account_snapshots_2025_06 thin 5 2", // monthly: the last of the month of each account
                "account_snapshots_2025_07 thin 5 2",
                "account_snapshots_2025_08 thin 5 2",
                "account_snapshots_2025_09 thin 5 2",
                "account_snapshots_2025_10 thin 5 2",
                "account_snapshots_2025_11 thin 5 2"); // account 1's 25th (keep-all), account 2's 15th (its last)
        assertThat(plan.rowsNow()).isEqualTo(96);
        assertThat(plan.rowsKept()).isEqualTo(23);
        assertThat(plan.partitions()).allSatisfy(partition -> assertThat(partition.bytesFreed()).isPositive());
        assertThat(history()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_audit", Long.class)).isZero();

        // when applied
        RetentionPlan applied = retention(null).apply(NOW);

        // then exactly the last of each month and quarter is left, each row as it was
        assertThat(applied.applied()).isTrue();
        assertThat(figures(applied)).isEqualTo(figures(plan));
        assertThat(applied.rowsKept()).isEqualTo(23);
        assertThat(kept("< '2025-12-01T00:00:00Z'")).containsExactly(
                "1 2024-06-25", "1 2024-09-25", "1 2024-12-25", "1 2025-03-25", "1 2025-05-25", "1 2025-06-25",
                "1 2025-07-25", "1 2025-08-25", "1 2025-09-25", "1 2025-10-25", "1 2025-11-25",
                "2 2024-06-15", "2 2024-09-15", "2 2024-12-15", "2 2025-03-15", "2 2025-06-15", "2 2025-07-15",
                "2 2025-08-15", "2 2025-09-15", "2 2025-10-15", "2 2025-11-15",
                "3 2024-06-25", "3 2024-07-25");
        // December 2025 to November 2026, all of it: 12 months of 3 + 2 snapshots
        assertThat(kept(">= '2025-12-01T00:00:00Z'")).hasSize(60);
        // every kept row as it was, column for column (ids, sequence numbers, previous ids, change columns)
        List<Map<String, Object>> after = history();
        assertThat(after).hasSize(83);
        assertThat(before).containsAll(after);
        // the heads still name each account's latest snapshot
        assertThat(jdbc.queryForList("SELECT account_id || ' ' || snapshot_id || ' ' || snapshot_sequence_number "
                + "FROM account_snapshot_heads ORDER BY account_id", String.class))
                .containsExactly("1 100090 90", "2 200060 60", "3 300006 6");
        // one audit row per partition, with its figures
        assertThat(jdbc.query("SELECT principal <> '' AND outcome = 'accepted', target FROM operator_audit "
                + "WHERE action = 'retention' ORDER BY audit_id", (rs, n) -> rs.getBoolean(1) + " " + rs.getString(2)))
                .hasSize(18)
                .first().asString()
                .startsWith("true account_snapshots_2024_06 [2024-06-01T00:00:00Z, 2024-07-01T00:00:00Z): thin, "
                        + "8 rows, 3 kept, 5 removed, ");
        // a second pass finds nothing more to remove
        assertThat(figures(retention(null).plan(NOW))).allSatisfy(line -> assertThat(line).contains(" keep "));

        // 2024-06 was thinned (swapped), 2026-06 was not
        List<String> swapped = definitions("account_snapshots_2024_06");
        assertThat(swapped).isEqualTo(definitions("account_snapshots_2026_06"));
        assertThat(swapped.stream().filter(line -> !line.startsWith("column ")).map(line -> line.split(":")[0]))
                .containsExactly("index account_snapshots_X_account_id_snapshot_timestamp_idx",
                        "index account_snapshots_X_customer_id_snapshot_timestamp_idx",
                        "index account_snapshots_X_job_instance_id_account_id_snapsh_key",
                        "index account_snapshots_X_pkey",
                        "constraint account_snapshots_X_job_instance_id_account_id_snapsh_key",
                        "constraint account_snapshots_X_pkey", "constraint account_snapshots_health_source_ck",
                        "constraint account_snapshots_trend_ck", "trigger account_snapshots_immutable",
                        "trigger account_snapshots_no_truncate");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_class WHERE relname LIKE '%_retained'", Long.class))
                .isZero();
    }

    @Test
    void maxAgeDropsWholePartitionsAndTheHeadsOfAccountsLeftWithoutSnapshots() {
        // max-age 27 months: nothing before 2024-08-20; June and July 2024 go whole, August is thinned to none
        RetentionPlan plan = retention(Period.ofMonths(27)).apply(NOW);

        assertThat(figures(plan).subList(0, 4)).containsExactly("account_snapshots_2024_06 drop 8 0",
                "account_snapshots_2024_07 drop 8 0", "account_snapshots_2024_08 thin 5 0",
                "account_snapshots_2024_09 thin 5 2");
        assertThat(jdbc.query("SELECT to_regclass('account_snapshots_2024_06') IS NULL, "
                + "to_regclass('account_snapshots_2024_08') IS NULL", (rs, n) -> rs.getBoolean(1) + " " + rs.getBoolean(2)))
                .containsExactly("true false");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots WHERE account_id = 3", Long.class))
                .isZero();
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshot_heads ORDER BY account_id", Long.class))
                .containsExactly(1L, 2L);
        assertThat(plan.rowsKept()).isEqualTo(19);
    }

    @Test
    void aRunAfterRetentionContinuesEachHistoryWithEveryChangeField() throws Exception {
        retention(null).apply(NOW);
        TestPortfolio portfolio = new TestPortfolio(jdbc);
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "90.00", "churned", null);

        JobExecution run = runs.run(Map.of("asOf", "2026-12-01T12:00:00Z"));

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        List<String> rows = jdbc.queryForList("""
                SELECT account_id || ' ' || snapshot_sequence_number || ' ' || previous_snapshot_id || ' '
                       || days_since_last_snapshot || ' ' || coalesce(revenue_change_from_last::text, 'null') || ' '
                       || coalesce(revenue_change_percent::text, 'null') || ' '
                       || coalesce(health_score_change_from_last::text, 'null') || ' ' || health_score_trend || ' '
                       || is_significant_change || ' ' || changed_fields::text
                FROM account_snapshots WHERE job_execution_id = ? ORDER BY account_id""", String.class, run.getId());
        assertThat(rows).containsExactly(
                // after 2026-11-25T02:00Z: 6 days; 90.00 to 100.00 is 11.11 %
                "1 91 100090 6 10.00 11.11 null stable true {\"revenue\": {\"to\": 100.00, \"from\": 90.00}, "
                        + "\"account_name\": {\"to\": \"Account 1\", \"from\": \"Account 1 (old)\"}}",
                // after 2026-11-15T02:00Z: 16 days; the status changed
                "2 61 200060 16 0.00 0.00 null stable true {\"account_name\": {\"to\": \"Account 2\", \"from\": "
                        + "\"Account 2 (old)\"}, \"account_status\": {\"to\": \"churned\", \"from\": \"active\"}}");
    }

    @Test
    void serveAppliesRetentionOnItsCronOnlyWhenEnabled() {
        RetentionProperties every = new RetentionProperties(Period.ofMonths(12), Period.ofMonths(18), null, true,
                "* * * * * *", Duration.ofSeconds(10));
        RetentionSchedule disabled = new RetentionSchedule(retention(null), new RetentionProperties(Period.ofMonths(12),
                Period.ofMonths(18), null, false, "* * * * * *", Duration.ofSeconds(10)));
        RetentionSchedule enabled = new RetentionSchedule(new SnapshotRetention(client, transaction, audit,
                maintenance, every), every);

        assertThat(disabled.start()).isFalse();
        try {
            assertThat(enabled.start()).isTrue();
            // as of the real now, every generated month before the last twelve is thinned, by the schedule
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM operator_audit WHERE action = 'retention'", Long.class) > 0);
        }
        finally {
            enabled.destroy();
            disabled.destroy();
        }
        assertThat(jdbc.queryForList("SELECT DISTINCT principal FROM operator_audit WHERE action = 'retention'",
                String.class)).containsExactly("schedule:retention");
    }

    @AfterEach
    void dropTheHistorysPartitions() {
        partitions().stream().filter(partition -> !partitionsBefore.contains(partition))
                .forEach(partition -> jdbc.execute("DROP TABLE " + partition));
        new TestPortfolio(jdbc).clean();
    }

    private List<String> partitions() {
        return jdbc.queryForList("SELECT inhrelid::regclass::text FROM pg_inherits "
                + "WHERE inhparent = 'account_snapshots'::regclass", String.class);
    }

    private SnapshotRetention retention(@Nullable Period maxAge) {
        return new SnapshotRetention(client, transaction, audit, maintenance,
                new RetentionProperties(Period.ofMonths(12), Period.ofMonths(18), maxAge, false, "0 30 3 * * *",
                        Duration.ofSeconds(10)));
    }

    private static List<String> figures(RetentionPlan plan) {
        return plan.partitions().stream().map(partition -> partition.name() + " " + partition.action().code() + " "
                + partition.rowsNow() + " " + partition.rowsKept()).toList();
    }

    private List<Map<String, Object>> history() {
        return jdbc.queryForList("SELECT * FROM account_snapshots ORDER BY snapshot_id");
    }

    private List<String> kept(String condition) {
        return jdbc.queryForList("SELECT account_id || ' ' || to_char(snapshot_timestamp AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD') FROM account_snapshots WHERE snapshot_timestamp " + condition
                + " ORDER BY account_id, snapshot_timestamp", String.class);
    }

    /** A partition's indexes, constraints and triggers, with its own name replaced by X. */
    private List<String> definitions(String partition) {
        List<String> all = new ArrayList<>();
        all.addAll(jdbc.queryForList("SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes "
                + "WHERE tablename = ? ORDER BY indexname", String.class, partition));
        all.addAll(jdbc.queryForList("SELECT 'constraint ' || conname || ': ' || contype::text || ' '"
                + " || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = CAST(? AS regclass) ORDER BY conname",
                String.class, partition));
        all.addAll(jdbc.queryForList("SELECT 'trigger ' || tgname || ': ' || pg_get_triggerdef(oid) FROM pg_trigger "
                + "WHERE tgrelid = CAST(? AS regclass) ORDER BY tgname", String.class, partition));
        all.addAll(jdbc.queryForList("SELECT 'column ' || attname || ' ' || format_type(atttypid, atttypmod) || ' '"
                + " || attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '') FROM pg_attribute a "
                + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attname",
                String.class, partition));
        return all.stream().map(line -> line.replace(partition, "account_snapshots_X")).toList();
    }
}
