package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.stream.LongStream;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import com.accountsnapshot.reliability.KpiExpectation.Kpi;
import com.accountsnapshot.reliability.ProfileExpectation.Warning;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad source data through the real job: {@value #DOCUMENTS} seeded random profile_metadata documents (see
 * {@link MetadataGenerator}) and KPI data texts (every parse case of docs/snapshot-fields.md#kpi-health-rules and random text) as accounts,
 * one run. The run completes, no account is lost, every profile and KPI field of every account equals what
 * {@link ProfileExpectation} and {@link KpiExpectation} work out from docs/snapshot-fields.md, and the warnings are exactly the
 * fields that could not be read, each with its raw value.
 */
@ReliabilityTest
class BadSourceDataTest {

    private static final Logger log = LoggerFactory.getLogger(BadSourceDataTest.class);

    static final int DOCUMENTS = 6_000;

    static final long SEED = 20_261_128L;

    static final String[] KPI_DATA = {"3 days", "12 hours", "40 users", "$2.5K", "85%", "$1,234.50", "1.5M", "2m",
        "12k", "7 K", "-5", "0", "100", "81", "80.99", "50", "50.00", "-0", "1,2,3", ",5", "5,", "5.", ".5", "+5",
        "1e3", "1.2.3", "5 10", "N/A", "", "   ", "abc", "$", "%", "K", "$-5", "-$5", "5%%", "$$5", "3 days%",
        "3 days weeks", "3\tdays", "3  days", "3 d4ys", "99999999999999999999", "٣", "５", "5\u00a0%", "5 %",
        "  42  ", "\t42\n", "1.5 M", "$5k users", "5kk", "--5", "0.0000001", "1e-3", "3 Tage", "3 días", "15 %"};

    static final String[] KPI_NAMES = {"Net Promoter Score", "  net promoter score ", "CUSTOMER EFFORT SCORE",
        "Churn Rate", "churn rate\t", "First Response Time", "Expansion Revenue", "Late Payments", "Unlisted",
        "Daily Active Users", "Time to Value"};

    static final String[] CATEGORIES = {"Product Usage", "product usage KPI", " Support KPIs ", "SUPPORT",
        "Customer Sentiment", "Business Outcomes kpis", "Relationship Strength", "Other", "", "Usage"};

    static final String[] IMPACTS = {"high", "High ", "MEDIUM", "low", "", "critical", " medium\t", "HIGH"};

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    private final Map<Long, List<Kpi>> kpis = new HashMap<>();

    @BeforeEach
    void seed() {
        new TestPortfolio(jdbc).clean().cleanJobRepository();
        MetadataGenerator documents = new MetadataGenerator(SEED);
        Random random = new Random(SEED + 1);
        List<Object[]> accounts = new ArrayList<>();
        List<Object[]> kpiRows = new ArrayList<>();
        long kpiId = 1;
        for (long account = 1; account <= DOCUMENTS; account++) {
            accounts.add(new Object[] {account, 1 + account % 13, "Account " + account, documents.next()});
            int count = random.nextInt(5);
            for (int i = 0; i < count; i++) {
                Kpi kpi = new Kpi(kpiId++, random.nextInt(3) == 0 ? (Long) (long) random.nextInt(100) : null,
                        random.nextInt(12) == 0 ? null : pick(random, CATEGORIES), pick(random, KPI_NAMES),
                        random.nextInt(4) == 0 ? randomData(random) : pick(random, KPI_DATA),
                        random.nextInt(10) == 0 ? null : pick(random, IMPACTS));
                kpis.computeIfAbsent(account, a -> new ArrayList<>()).add(kpi);
                kpiRows.add(new Object[] {kpi.kpiId(), account, 1 + account % 13, kpi.productId(), kpi.category(),
                    kpi.parameter(), kpi.data(), kpi.impact()});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO accounts (account_id, customer_id, account_name, profile_metadata)
                VALUES (?, ?, ?, CAST(? AS jsonb))""", accounts);
        jdbc.batchUpdate("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, product_id, category, kpi_parameter, data,
                                  impact_level)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", kpiRows);
    }

    /** Random text of up to 255 characters (the column's limit), printable or not, any script. */
    private static String randomData(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(random.nextBoolean() ? 8 : 255);
        while (text.length() < length) {
            int c = switch (random.nextInt(4)) {
                case 0 -> '0' + random.nextInt(10);
                case 1 -> " ,.$%-kKmM".charAt(random.nextInt(10));
                case 2 -> 1 + random.nextInt(0x7f);
                default -> 0xa0 + random.nextInt(0xd000);
            };
            text.append((char) c);
        }
        return text.toString();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void everyFieldOfEveryAccountIsReadOrIsNullWithAWarningNamingItAndItsRawValue() throws Exception {
        JobExecution execution = runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));

        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = execution.getStepExecutions().iterator().next();
        assertThat(step.getReadCount()).isEqualTo(DOCUMENTS);
        assertThat(step.getWriteCount()).isEqualTo(DOCUMENTS);
        assertThat(step.getSkipCount()).isZero();
        new Ledger(jdbc).assertExactlyOnce(execution.getJobInstanceId(),
                LongStream.rangeClosed(1, DOCUMENTS).boxed().toList());

        Map<Long, ProfileExpectation> profiles = new HashMap<>();
        jdbc.query("SELECT account_id, profile_metadata::text AS metadata FROM accounts", rs -> {
            profiles.put(rs.getLong("account_id"), ProfileExpectation.of(rs.getString("metadata")));
        });
        Map<String, KpiExpectation.Range> ranges = new HashMap<>();
        jdbc.query("SELECT kpi_name, higher_is_better, critical_bound, healthy_bound FROM kpi_reference_ranges", rs -> {
            ranges.put(ProfileExpectation.trim(rs.getString("kpi_name")).toLowerCase(Locale.ROOT),
                    new KpiExpectation.Range(rs.getBoolean("higher_is_better"), rs.getBigDecimal("critical_bound"),
                            rs.getBigDecimal("healthy_bound")));
        });
        List<String> mismatches = new ArrayList<>();
        jdbc.query("SELECT * FROM account_snapshots WHERE job_execution_id = ?", rs -> {
            long account = rs.getLong("account_id");
            Map<String, @Nullable Object> expected = new LinkedHashMap<>(profiles.get(account).fields);
            expected.putAll(KpiExpectation.of(kpis.getOrDefault(account, List.of()), ranges));
            Map<String, @Nullable Object> actual = actual(rs);
            expected.forEach((column, value) -> {
                if (!Objects.equals(value, actual.get(column))) {
                    mismatches.add("account " + account + " " + column + ": expected " + shorten(value) + " but was "
                            + shorten(actual.get(column)));
                }
            });
        }, execution.getId());

        Map<Long, List<Warning>> recorded = new HashMap<>();
        jdbc.query("""
                SELECT account_id, issue_type, field, raw_value FROM snapshot_run_issues WHERE job_execution_id = ?""",
                rs -> {
                    assertThat(rs.getString("issue_type")).isEqualTo("warning");
                    JsonNode raw = JsonValues.read(rs.getString("raw_value"));
                    recorded.computeIfAbsent(rs.getLong("account_id"), a -> new ArrayList<>())
                            .add(new Warning(rs.getString("field"), JsonValues.canonical(raw)));
                }, execution.getId());
        int warnings = 0;
        for (long account = 1; account <= DOCUMENTS; account++) {
            List<Warning> expected = profiles.get(account).warnings.stream().sorted().toList();
            List<Warning> actual = recorded.getOrDefault(account, List.of()).stream().sorted().toList();
            warnings += expected.size();
            if (!expected.equals(actual)) {
                mismatches.add("account " + account + " warnings: expected " + shorten(expected) + " but was "
                        + shorten(actual));
            }
        }
        log.info("Reliability: bad documents tried {} (seed {}), KPIs {}, warnings expected and recorded {}",
                DOCUMENTS, SEED, kpis.values().stream().mapToInt(List::size).sum(), warnings);
        assertThat(mismatches).as("%d mismatches, the first 40:%n%s", mismatches.size(),
                String.join("\n", mismatches.subList(0, Math.min(40, mismatches.size())))).isEmpty();
    }

    private static Map<String, @Nullable Object> actual(ResultSet rs) throws SQLException {
        Map<String, @Nullable Object> actual = new HashMap<>();
        for (String column : List.of("account_tier", "assigned_csm", "csm_manager", "account_owner", "lifecycle_stage",
                "onboarding_status", "primary_champion", "champion_status", "primary_product", "health_score_source")) {
            actual.put(column, rs.getString(column));
        }
        actual.put("last_qbr_date", rs.getObject("last_qbr_date", LocalDate.class));
        actual.put("next_qbr_date", rs.getObject("next_qbr_date", LocalDate.class));
        for (String column : List.of("engagement_score", "overall_health_score", "product_usage_score", "support_score",
                "customer_sentiment_score", "business_outcomes_score", "relationship_strength_score")) {
            actual.put(column, rs.getBigDecimal(column));
        }
        for (String column : List.of("stakeholder_count", "product_count", "total_kpis", "account_level_kpis",
                "product_level_kpis", "critical_kpis_count", "at_risk_kpis_count", "healthy_kpis_count",
                "unscored_kpis_count")) {
            int value = rs.getInt(column);
            actual.put(column, rs.wasNull() ? null : value);
        }
        List<String> products = new ArrayList<>();
        JsonValues.read(rs.getString("products_used")).values().forEach(node -> products.add(node.stringValue()));
        actual.put("products_used", List.copyOf(products));
        List<Long> critical = new ArrayList<>();
        JsonValues.read(rs.getString("top_critical_kpis")).values()
                .forEach(node -> critical.add(node.get("kpi_id").longValue()));
        actual.put("top_critical_kpi_ids", List.copyOf(critical));
        return actual;
    }

    private static String shorten(@Nullable Object value) {
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
        return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + " characters)";
    }
}
