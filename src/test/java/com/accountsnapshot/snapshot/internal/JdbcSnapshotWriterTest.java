package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.FieldChange;
import com.accountsnapshot.snapshot.ChangeSummary;
import com.accountsnapshot.snapshot.HealthScores;
import com.accountsnapshot.snapshot.KpiSummary;
import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.PlaybookSummary;
import com.accountsnapshot.snapshot.PreviousSnapshot;
import com.accountsnapshot.snapshot.ProfileFields;
import com.accountsnapshot.snapshot.SnapshotIssue;
import com.accountsnapshot.snapshot.SnapshotType;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer stores every value of a chunk exactly as calculated, whatever characters its text holds, in one
 * statement, and leaves nothing behind when that statement fails.
 */
@SpringBootTest
class JdbcSnapshotWriterTest {

    /** Characters with a meaning in array literals, JSON or SQL, and the word that spells null in them. */
    private static final String AWKWARD = "He said \"hi\", {a,b} \\ back\\\\slash; 'quoted' NULL\n\ttab Zoë — 日本 🙂";

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    JdbcSnapshotWriter writer;

    @BeforeEach
    void emptyTables() {
        new TestPortfolio(jdbc).clean().snapshotMonths("2026-11-28T00:00:00Z");
        // account 7's snapshot is its fourth: its head is the third, whose row is not part of this test
        jdbc.update("""
                INSERT INTO account_snapshot_heads (account_id, snapshot_id, snapshot_timestamp,
                    snapshot_sequence_number)
                VALUES (7, 9000000000, '2026-10-29T10:15:30Z', 3)""");
        writer = new JdbcSnapshotWriter(dataSource, new JdbcSnapshotIssueRepository(jdbc), 41, 42);
    }

    @Test
    void storesEveryColumnOfAChunkExactly() throws Exception {
        write(List.of(everyFieldSet(), everyFieldNull()));

        Map<String, Object> full = row(7);
        Map<String, @Nullable Object> expected = new LinkedHashMap<>();
        expected.put("account_id", 7L);
        expected.put("customer_id", 70L);
        expected.put("snapshot_timestamp", OffsetDateTime.parse("2026-11-28T10:15:30.123456Z"));
        expected.put("snapshot_type", "post_health_calc");
        expected.put("snapshot_reason", AWKWARD);
        expected.put("trigger_event", "NULL");
        expected.put("snapshot_version", 1);
        expected.put("job_instance_id", 41L);
        expected.put("job_execution_id", 42L);
        expected.put("previous_snapshot_id", 9_000_000_000L);
        expected.put("account_name", AWKWARD);
        expected.put("account_status", "");
        expected.put("industry", "  padded  ");
        expected.put("region", "{}");
        expected.put("external_account_id", "\"");
        expected.put("revenue", new BigDecimal("1000.00"));
        expected.put("account_tier", "Gold");
        expected.put("assigned_csm", "Dana");
        expected.put("csm_manager", "Lee");
        expected.put("account_owner", "Sam");
        expected.put("lifecycle_stage", "adoption");
        expected.put("onboarding_status", "complete");
        expected.put("last_qbr_date", LocalDate.parse("0001-01-01"));
        expected.put("next_qbr_date", LocalDate.parse("9999-12-31"));
        expected.put("engagement_score", new BigDecimal("72.46"));
        expected.put("primary_champion", "Ana");
        expected.put("champion_status", "active");
        expected.put("stakeholder_count", 3);
        expected.put("products_used", "[\"CRM\", \"He said \\\"hi\\\", {a,b} \\\\ back\\\\\\\\slash; 'quoted' NULL\\n"
                + "\\ttab Zoë — 日本 🙂\"]");
        expected.put("product_count", 2);
        expected.put("primary_product", "CRM");
        expected.put("overall_health_score", new BigDecimal("-999.99"));
        expected.put("product_usage_score", new BigDecimal("999.99"));
        expected.put("support_score", new BigDecimal("0.00"));
        expected.put("customer_sentiment_score", new BigDecimal("0.01"));
        expected.put("business_outcomes_score", new BigDecimal("50.50"));
        expected.put("relationship_strength_score", new BigDecimal("100.00"));
        expected.put("health_score_source", "kpi_proxy");
        expected.put("total_kpis", 20);
        expected.put("account_level_kpis", 12);
        expected.put("product_level_kpis", 8);
        expected.put("critical_kpis_count", 5);
        expected.put("at_risk_kpis_count", 4);
        expected.put("healthy_kpis_count", 10);
        expected.put("unscored_kpis_count", 1);
        expected.put("top_critical_kpis", "[{\"value\": \"12%\", \"kpi_id\": 3, \"category\": null, "
                + "\"product_id\": 11, \"impact_level\": \"high\", \"kpi_parameter\": \"Churn \\\"Rate\\\"\"}]");
        expected.put("playbooks_running", "[\"onboard\", null]");
        expected.put("playbooks_running_count", 2);
        expected.put("playbooks_completed_count", 6);
        expected.put("playbooks_completed_last_30_days", 1);
        expected.put("last_playbook_executed", "{\"started_at\": \"2026-11-01T00:00:00Z\", \"playbook_id\": null}");
        expected.put("playbook_recommendations_active", "[\"churn_risk\", \"upsell\"]");
        expected.put("recent_playbook_report_ids", "[3, 2, 1]");
        expected.put("recent_csm_note_ids", "[9223372036854775807]");
        expected.put("snapshot_sequence_number", 4);
        expected.put("days_since_last_snapshot", 30);
        expected.put("health_score_change_from_last", new BigDecimal("-12.25"));
        expected.put("revenue_change_from_last", new BigDecimal("-0.01"));
        expected.put("revenue_change_percent", new BigDecimal("9999999999.99"));
        expected.put("health_score_trend", "declining");
        expected.put("is_significant_change", true);
        expected.put("changed_fields", """
                {"region": {"to": "  padded  ", "from": null}, "revenue": {"to": 1000.00, "from": 999.50}}""");
        assertThat(full).containsExactlyInAnyOrderEntriesOf(expected);

        Map<String, Object> empty = row(8);
        assertThat(empty).containsEntry("account_name", "")
                .containsEntry("products_used", "[]")
                .containsEntry("top_critical_kpis", "[]")
                .containsEntry("last_playbook_executed", null)
                .containsEntry("is_significant_change", false)
                .containsEntry("health_score_source", "none");
        List<String> nullColumns = List.of("snapshot_reason", "trigger_event", "previous_snapshot_id",
                "account_status", "industry", "region", "external_account_id", "revenue", "account_tier",
                "assigned_csm", "csm_manager", "account_owner", "lifecycle_stage", "onboarding_status",
                "last_qbr_date", "next_qbr_date", "engagement_score", "primary_champion", "champion_status",
                "stakeholder_count", "primary_product", "overall_health_score", "product_usage_score",
                "support_score", "customer_sentiment_score", "business_outcomes_score",
                "relationship_strength_score", "days_since_last_snapshot", "health_score_change_from_last",
                "revenue_change_from_last", "revenue_change_percent", "changed_fields");
        for (String column : nullColumns) {
            assertThat(empty.get(column)).as(column).isNull();
        }
        assertThat(jdbc.queryForList("""
                SELECT account_id || ' ' || field || ' ' || problem || ' ' || raw_value FROM snapshot_run_issues
                WHERE job_execution_id = 42""", String.class))
                .containsExactly("7 engagement.score not a number " + AWKWARD);
    }

    @Test
    void aChunkThatFailsLeavesNoSnapshotAndNoIssueOfItAndTheHeadsAsTheyWere() throws Exception {
        write(List.of(everyFieldNull()));
        List<Map<String, Object>> heads = heads();

        assertThatThrownBy(() -> write(List.of(everyFieldSet(), everyFieldNull())))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("account_snapshots");
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots", Long.class)).containsExactly(8L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_run_issues", Long.class)).isZero();
        assertThat(heads()).isEqualTo(heads);
    }

    @Test
    void eachAccountsSequenceGoesOnFromItsHeadWithoutAGapOrARepeat() throws Exception {
        // given: account 8's first snapshot; account 7's head is its third
        write(List.of(everyFieldNull()));
        List<Map<String, Object>> heads = heads();

        // when, then: a gap fails the chunk, with account 7's valid snapshot in it
        assertThatThrownBy(() -> write(List.of(everyFieldSet(), account8(3, "2026-11-29T00:00:00Z"))))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("snapshot sequence gap for account 8: snapshot_sequence_number 3 does not "
                        + "follow 1");
        // a repeat fails as the sequence's unique key
        assertThatThrownBy(() -> write(List.of(account8(1, "2026-11-29T00:00:00Z"))))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("duplicate key value violates unique constraint \"account_snapshots_sequence_uk\"")
                .hasMessageContaining("Key (account_id, snapshot_sequence_number)=(8, 1) already exists.");
        // two snapshots of one account in one statement are checked as a run of numbers
        assertThatThrownBy(() -> write(List.of(account8(2, "2026-11-29T00:00:00Z"), account8(2,
                "2026-11-30T00:00:00Z")))).isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("(8, 2) already exists.");
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots", Long.class)).containsExactly(8L);
        assertThat(heads()).isEqualTo(heads);

        // and the next number goes in, the head moving to it with the one before as its prior
        write(List.of(account8(2, "2026-11-29T00:00:00Z")));
        assertThat(jdbc.queryForList("""
                SELECT account_id || ' ' || snapshot_sequence_number || ' ' || coalesce(prior_sequence_number::text, '-') || ' '
                       || to_char(snapshot_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD')
                FROM account_snapshot_heads ORDER BY account_id""", String.class))
                .containsExactly("7 3 - 2026-10-29", "8 2 1 2026-11-29");
    }

    @Test
    void theNextRunReadsEachHeadsTrackedFieldsFromItsRowAsStored() throws Exception {
        write(List.of(everyFieldSet(), everyFieldNull()));

        List<AccountContext> contexts = new JdbcAccountContextLoader(jdbc, Instant.parse("2026-11-30T00:00:00Z"))
                .load(List.of(new Account(7, 70, "", null, null, null, null, null, null),
                        new Account(8, 80, "", null, null, null, null, null, null)));

        PreviousSnapshot seven = contexts.get(0).latestSnapshot();
        assertThat(seven.sequenceNumber()).isEqualTo(4);
        Map<String, String> fields = new LinkedHashMap<>();
        seven.storedFields().forEach((name, value) -> fields.put(name, value.toString()));
        assertThat(fields.keySet()).containsExactlyElementsOf(com.accountsnapshot.snapshot.TrackedFields.NAMES);
        assertThat(fields).containsEntry("account_name", "\"He said \\\"hi\\\", {a,b} \\\\ back\\\\\\\\slash; 'quoted' "
                        + "NULL\\n\\ttab Zoë — 日本 🙂\"")
                .containsEntry("revenue", "1000.00")
                .containsEntry("last_qbr_date", "\"0001-01-01\"")
                .containsEntry("stakeholder_count", "3")
                .containsEntry("customer_sentiment_score", "0.01")
                .containsEntry("recent_csm_note_ids", "[9223372036854775807]")
                .containsEntry("last_playbook_executed", "{\"started_at\":\"2026-11-01T00:00:00Z\",\"playbook_id\":null}");
        Map<String, String> nulls = new LinkedHashMap<>();
        contexts.get(1).latestSnapshot().storedFields().forEach((name, value) -> nulls.put(name, value.toString()));
        assertThat(nulls).containsExactlyEntriesOf(ordered("account_name", "\"\"", "account_status", "null",
                "industry", "null", "region", "null", "external_account_id", "null", "revenue", "null",
                "account_tier", "null", "assigned_csm", "null", "csm_manager", "null", "account_owner", "null",
                "lifecycle_stage", "null", "onboarding_status", "null", "last_qbr_date", "null",
                "next_qbr_date", "null", "engagement_score", "null", "primary_champion", "null",
                "champion_status", "null", "stakeholder_count", "null", "products_used", "[]", "product_count", "0",
                "primary_product", "null", "overall_health_score", "null", "product_usage_score", "null",
                "support_score", "null", "customer_sentiment_score", "null", "business_outcomes_score", "null",
                "relationship_strength_score", "null", "health_score_source", "\"none\"", "total_kpis", "0",
                "account_level_kpis", "0", "product_level_kpis", "0", "critical_kpis_count", "0",
                "at_risk_kpis_count", "0", "healthy_kpis_count", "0", "unscored_kpis_count", "0",
                "top_critical_kpis", "[]", "playbooks_running", "[]", "playbooks_running_count", "0",
                "playbooks_completed_count", "0", "playbooks_completed_last_30_days", "0",
                "last_playbook_executed", "null", "playbook_recommendations_active", "[]",
                "recent_playbook_report_ids", "[]", "recent_csm_note_ids", "[]"));
        // each value equal to the one PostgreSQL's to_jsonb makes of the stored column, every field of both rows
        for (AccountContext context : contexts) {
            String stored = jdbc.queryForObject("SELECT " + JdbcAccountContextLoader.storedFieldsSql("s")
                    + "::text FROM account_snapshots s WHERE s.snapshot_id = ?", String.class,
                    context.latestSnapshot().snapshotId());
            assertThat(context.latestSnapshot().storedFields())
                    .isEqualTo(JdbcAccountContextLoader.readStoredFields(stored));
        }
    }

    private static Map<String, String> ordered(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void aSessionsLaterChunksLookTheHeadsUpByKeyAfterTheHeadsHaveGrown() throws Exception {
        // given: one session (one connection) whose first chunk met a heads table its statistics call tiny
        jdbc.execute("ANALYZE account_snapshot_heads");
        try (Connection connection = dataSource.getConnection()) {
            SingleConnectionDataSource session = new SingleConnectionDataSource(connection, true);
            TransactionTemplate inSession = new TransactionTemplate(new DataSourceTransactionManager(session));
            JdbcSnapshotWriter sessionWriter = new JdbcSnapshotWriter(session,
                    new JdbcSnapshotIssueRepository(new JdbcTemplate(session)), 41, 42);
            inSession.executeWithoutResult(status -> write(sessionWriter, account8(1, "2026-11-28T00:00:00Z")));
            // the heads grow by 20,000 accounts, with no ANALYZE after them
            jdbc.update("""
                    INSERT INTO account_snapshot_heads (account_id, snapshot_id, snapshot_timestamp,
                        snapshot_sequence_number)
                    SELECT id, id, '2026-10-29T00:00:00Z', 1 FROM generate_series(100000, 119999) AS id""");

            // when: the session's next chunk goes in (the backend's scan count before and after it: the count can
            // hold the session's earlier, not yet reported, transactions too)
            String heapScans = """
                    SELECT seq_scan FROM pg_stat_xact_user_tables WHERE relname = 'account_snapshot_heads'""";
            long[] scans = inSession.execute(status -> {
                JdbcTemplate sessionJdbc = new JdbcTemplate(session);
                long before = sessionJdbc.queryForObject(heapScans, Long.class);
                write(sessionWriter, account8(2, "2026-11-29T00:00:00Z"));
                return new long[] {before, sessionJdbc.queryForObject(heapScans, Long.class)};
            });

            // then: its trigger read the heads by their key, not by scanning all of them
            assertThat(scans[1] - scans[0]).isZero();
        }
        assertThat(jdbc.queryForObject(
                "SELECT snapshot_sequence_number FROM account_snapshot_heads WHERE account_id = 8", Integer.class))
                .isEqualTo(2);
    }

    private static void write(JdbcSnapshotWriter writer, AccountSnapshot snapshot) {
        try {
            writer.write(new Chunk<>(List.of(snapshot)));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private List<Map<String, Object>> heads() {
        return jdbc.queryForList("SELECT * FROM account_snapshot_heads ORDER BY account_id");
    }

    @Test
    void anEmptyChunkWritesNothing() throws Exception {
        write(List.of());

        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Long.class)).isZero();
    }

    private void write(List<AccountSnapshot> snapshots) throws Exception {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            try {
                writer.write(new Chunk<>(snapshots));
            }
            catch (RuntimeException ex) {
                throw ex;
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static AccountSnapshot everyFieldSet() {
        ProfileFields profile = new ProfileFields("Gold", "Dana", "Lee", "Sam", "adoption", "complete",
                LocalDate.parse("0001-01-01"), LocalDate.parse("9999-12-31"), new BigDecimal("72.46"), "Ana",
                "active", 3);
        HealthScores health = new HealthScores(new BigDecimal("-999.99"), new BigDecimal("999.99"),
                new BigDecimal("0.00"), new BigDecimal("1E-2"), new BigDecimal("50.5"), new BigDecimal("1E+2"),
                HealthScores.SOURCE_KPI_PROXY);
        KpiSummary kpis = new KpiSummary(20, 12, 8, 5, 4, 10, 1,
                List.of(new TopCriticalKpi(3, "Churn \"Rate\"", null, 11L, "12%", "high")));
        PlaybookSummary playbooks = new PlaybookSummary(java.util.Arrays.asList("onboard", null), 2, 6, 1,
                new LastPlaybook(null, Instant.parse("2026-11-01T00:00:00Z")), List.of("churn_risk", "upsell"));
        ChangeSummary change = new ChangeSummary(9_000_000_000L, 4, 30, new BigDecimal("-12.25"),
                new BigDecimal("-0.01"), new BigDecimal("9999999999.99"), ChangeSummary.DECLINING, true);
        return new AccountSnapshot(7, 70, Instant.parse("2026-11-28T10:15:30.123456Z"),
                SnapshotType.POST_HEALTH_CALC, AWKWARD, "NULL", AWKWARD, "", "  padded  ", "{}", "\"",
                new BigDecimal("1E+3"), profile, List.of("CRM", AWKWARD), "CRM", health, kpis, playbooks,
                List.of(3L, 2L, 1L), List.of(Long.MAX_VALUE), change,
                List.of(new FieldChange("region", NullNode.getInstance(), JsonNodeFactory.instance.stringNode("  padded  ")),
                        new FieldChange("revenue", JsonNodeFactory.instance.numberNode(new BigDecimal("999.50")),
                                JsonNodeFactory.instance.numberNode(new BigDecimal("1000.00")))),
                List.of(SnapshotIssue.warning("engagement.score", "not a number", AWKWARD)));
    }

    private static AccountSnapshot everyFieldNull() {
        return account8(1, "2026-11-28T10:15:30Z");
    }

    /** Account 8 with every nullable field null, its {@code sequence}-th snapshot, taken at {@code at}. */
    private static AccountSnapshot account8(int sequence, String at) {
        ProfileFields profile = new ProfileFields(null, null, null, null, null, null, null, null, null, null, null,
                null);
        HealthScores health = new HealthScores(null, null, null, null, null, null, HealthScores.SOURCE_NONE);
        KpiSummary kpis = new KpiSummary(0, 0, 0, 0, 0, 0, 0, List.of());
        PlaybookSummary playbooks = new PlaybookSummary(List.of(), 0, 0, 0, null, List.of());
        ChangeSummary change = new ChangeSummary(null, sequence, null, null, null, null, ChangeSummary.STABLE, false);
        return new AccountSnapshot(8, 80, Instant.parse(at), SnapshotType.MANUAL, null, null,
                "", null, null, null, null, null, profile, List.of(), null, health, kpis, playbooks, List.of(),
                List.of(), change, null, List.of());
    }

    /** The row without its generated id and creation time; jsonb as its text, dates as LocalDate. */
    private Map<String, Object> row(long accountId) {
        Map<String, Object> row = new LinkedHashMap<>();
        jdbc.queryForMap("SELECT * FROM account_snapshots WHERE account_id = ?", accountId).forEach((column, value) -> {
            if (!column.equals("snapshot_id") && !column.equals("created_at")) {
                row.put(column, value instanceof org.postgresql.util.PGobject json ? json.getValue()
                        : value instanceof java.sql.Date date ? date.toLocalDate()
                        : value instanceof java.sql.Timestamp time ? time.toInstant().atOffset(ZoneOffset.UTC)
                        : value);
            }
        });
        return row;
    }
}
