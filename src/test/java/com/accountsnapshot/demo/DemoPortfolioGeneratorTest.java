package com.accountsnapshot.demo;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoPortfolioGeneratorTest {

    /** Every table the generator fills, with its key column. */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("accounts", "account_id");
        TABLES.put("products", "product_id");
        TABLES.put("kpis", "kpi_id");
        TABLES.put("health_trends", "trend_id");
        TABLES.put("playbook_executions", "id");
        TABLES.put("playbook_reports", "report_id");
        TABLES.put("playbook_triggers", "trigger_id");
        TABLES.put("account_notes", "note_id");
    }

    private static DataSource dataSource;

    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final DemoPortfolioGenerator generator = new DemoPortfolioGenerator(dataSource);

    @BeforeAll
    static void migrate() {
        dataSource = DemoDatabase.migrated();
    }

    @BeforeEach
    void clean() {
        DemoDatabase.truncateSourceTables(jdbc);
    }

    @Test
    void insertsTheRequestedAccountsAndReturnsWhatItInserted() {
        // when
        DemoPortfolio portfolio = generator.generate(200, 42);

        // then
        assertThat(portfolio.accounts()).isEqualTo(200);
        assertThat(count("accounts")).isEqualTo(200);
        assertThat(portfolio).isEqualTo(new DemoPortfolio(200, count("products"), count("kpis"),
                count("health_trends"), count("playbook_executions"), count("playbook_reports"),
                count("playbook_triggers"), count("account_notes")));
        assertThat(portfolio.products()).isPositive();
        assertThat(portfolio.kpis()).isPositive();
        assertThat(portfolio.healthTrends()).isPositive();
        assertThat(portfolio.playbookExecutions()).isPositive();
        assertThat(portfolio.playbookReports()).isPositive();
        assertThat(portfolio.playbookTriggers()).isPositive();
        assertThat(portfolio.accountNotes()).isPositive();
    }

    @Test
    void relatedRowsCarryTheirAccountsCustomer() {
        // when
        generator.generate(200, 42);

        // then
        for (String table : TABLES.keySet()) {
            if (table.equals("accounts") || table.equals("playbook_triggers")) {
                continue;
            }
            assertThat(queryLong("""
                    SELECT count(*) FROM %s r LEFT JOIN accounts a ON a.account_id = r.account_id
                    WHERE r.account_id IS NOT NULL AND a.customer_id IS DISTINCT FROM r.customer_id"""
                    .formatted(table))).as(table).isZero();
            assertThat(queryLong("""
                    SELECT count(*) FROM %s r
                    WHERE r.account_id IS NULL
                      AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = r.customer_id)"""
                    .formatted(table))).as(table + " customer-wide rows").isZero();
        }
        assertThat(queryLong("""
                SELECT count(*) FROM playbook_triggers t
                WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.customer_id = t.customer_id)""")).isZero();
        assertThat(queryLong("""
                SELECT count(*) FROM kpis k LEFT JOIN products p ON p.product_id = k.product_id
                WHERE k.product_id IS NOT NULL
                  AND (p.account_id IS DISTINCT FROM k.account_id OR p.customer_id IS DISTINCT FROM k.customer_id)"""))
                .isZero();
        assertThat(queryLong("SELECT count(*) FROM kpis WHERE product_id IS NOT NULL")).isPositive();
        assertThat(queryLong("SELECT count(*) FROM playbook_executions WHERE account_id IS NULL")).isPositive();
    }

    @Test
    void idsOfEveryTableAreDenseFromOneOnAnEmptyDatabase() {
        // when
        generator.generate(200, 42);

        // then
        TABLES.forEach((table, key) -> {
            long rows = count(table);
            assertThat(queryLong("SELECT min(%s) FROM %s".formatted(key, table))).as(table).isEqualTo(1);
            assertThat(queryLong("SELECT max(%s) FROM %s".formatted(key, table))).as(table).isEqualTo(rows);
        });
        assertThat(queryLong("SELECT min(customer_id) FROM accounts")).isEqualTo(1);
        assertThat(queryLong("SELECT count(DISTINCT customer_id) FROM accounts"))
                .isEqualTo(queryLong("SELECT max(customer_id) FROM accounts"));
    }

    @Test
    void sameSeedGivesIdenticalRowsAndAnotherSeedDifferentRows() {
        // given
        generator.generate(300, 7);
        Map<String, String> first = checksums();
        DemoDatabase.truncateSourceTables(jdbc);

        // when
        generator.generate(300, 7);
        Map<String, String> again = checksums();
        DemoDatabase.truncateSourceTables(jdbc);
        generator.generate(300, 8);
        Map<String, String> otherSeed = checksums();

        // then
        assertThat(again).isEqualTo(first);
        first.forEach((table, checksum) -> assertThat(otherSeed.get(table)).as(table).isNotEqualTo(checksum));
    }

    @Test
    void idsContinueAfterTheLargestIdsAlreadyThere() {
        // given: rows the generator did not write
        jdbc.update("INSERT INTO accounts (account_id, customer_id, account_name) VALUES (1000, 70, 'Existing')");
        jdbc.update("""
                INSERT INTO kpis (kpi_id, account_id, customer_id, kpi_parameter)
                VALUES (7000, 1000, 70, 'Churn Rate')""");
        jdbc.update("""
                INSERT INTO playbook_triggers (trigger_id, customer_id, playbook_type) VALUES (40, 500, 'renewal')""");

        // when
        generator.generate(20, 42);

        // then
        assertThat(queryLong("SELECT min(account_id) FROM accounts WHERE account_id <> 1000")).isEqualTo(1001);
        assertThat(queryLong("SELECT max(account_id) FROM accounts")).isEqualTo(1020);
        assertThat(queryLong("SELECT min(customer_id) FROM accounts WHERE account_id <> 1000")).isEqualTo(501);
        assertThat(queryLong("SELECT min(kpi_id) FROM kpis WHERE kpi_id <> 7000")).isEqualTo(7001);
        assertThat(queryLong("SELECT max(kpi_id) FROM kpis")).isEqualTo(7000 + count("kpis") - 1);
        assertThat(queryLong("SELECT min(trigger_id) FROM playbook_triggers WHERE trigger_id <> 40")).isEqualTo(41);
        assertThat(queryLong("SELECT min(product_id) FROM products")).isEqualTo(1);
    }

    @Test
    void rowsDoNotDependOnHowManyAccountsGoIntoOneCopy() {
        // given
        generator.generate(200, 42);
        Map<String, String> oneCopyPerTable = checksums();
        DemoDatabase.truncateSourceTables(jdbc);

        // when: 29 COPYs per table, customers spanning them
        generator.generate(200, 42, 7);

        // then
        assertThat(checksums()).isEqualTo(oneCopyPerTable);
    }

    @Test
    void aFailedGenerationLeavesNothingBehind() {
        // given: account 150 is rejected, in the 22nd COPY, long after the first ones went in
        jdbc.execute("""
                CREATE FUNCTION reject_demo_account() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'demo test rejects account %', NEW.account_id; END $$""");
        jdbc.execute("""
                CREATE TRIGGER reject_demo_account BEFORE INSERT ON accounts
                FOR EACH ROW WHEN (NEW.account_id = 150) EXECUTE FUNCTION reject_demo_account()""");
        try {
            // when / then
            assertThatThrownBy(() -> generator.generate(200, 42, 7))
                    .isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("demo test rejects account 150");
        } finally {
            jdbc.execute("DROP TRIGGER reject_demo_account ON accounts");
            jdbc.execute("DROP FUNCTION reject_demo_account()");
        }
        TABLES.keySet().forEach(table -> assertThat(count(table)).as(table).isZero());
        assertThat(generator.generate(10, 42).accounts()).isEqualTo(10);
    }

    @Test
    void secondPortfolioIsAppendedAfterTheExistingIds() {
        // given
        DemoPortfolio first = generator.generate(150, 42);
        long lastCustomer = queryLong("SELECT max(customer_id) FROM accounts");
        long lastExecution = queryLong("SELECT max(id) FROM playbook_executions");

        // when
        DemoPortfolio second = generator.generate(150, 42);

        // then
        assertThat(second.accounts()).isEqualTo(150);
        assertThat(count("accounts")).isEqualTo(300);
        assertThat(queryLong("SELECT min(account_id) FROM accounts WHERE customer_id > " + lastCustomer))
                .isEqualTo(151);
        assertThat(queryLong("SELECT max(account_id) FROM accounts")).isEqualTo(300);
        assertThat(queryLong("SELECT min(id) FROM playbook_executions WHERE id > " + lastExecution))
                .isEqualTo(lastExecution + 1);
        assertThat(count("kpis")).isEqualTo(first.kpis() + second.kpis());
        assertThat(count("playbook_triggers")).isEqualTo(first.playbookTriggers() + second.playbookTriggers());
        TABLES.forEach((table, key) -> assertThat(queryLong("SELECT max(%s) FROM %s".formatted(key, table)))
                .as(table).isEqualTo(count(table)));
        // the second portfolio is new data, not a copy of the first with the same seed
        assertThat(queryLong("SELECT count(DISTINCT execution_id) FROM playbook_executions"))
                .isEqualTo(count("playbook_executions"));
        assertThat(queryLong("""
                SELECT count(*) FROM accounts a JOIN accounts b ON b.account_id = a.account_id + 150
                WHERE a.profile_metadata = b.profile_metadata""")).isZero();
    }

    private long count(String table) {
        return queryLong("SELECT count(*) FROM " + table);
    }

    private long queryLong(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        assertThat(value).as(sql).isNotNull();
        return value;
    }

    private Map<String, String> checksums() {
        Map<String, String> checksums = new LinkedHashMap<>();
        TABLES.forEach((table, key) -> checksums.put(table, jdbc.queryForObject(
                "SELECT md5(string_agg(t::text, '|' ORDER BY %s)) FROM %s t".formatted(key, table), String.class)));
        return checksums;
    }
}
