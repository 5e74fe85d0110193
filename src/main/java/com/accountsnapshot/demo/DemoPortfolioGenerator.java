package com.accountsnapshot.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Generates a realistic demo (and benchmark) portfolio into the source tables of docs/snapshot-fields.md#source-tables: customers of 1
 * to 50 accounts, each account with products, KPIs, health trends, playbook executions and reports, and
 * CSM notes, plus each customer's playbook triggers, with a share of the messy data real platforms hold.
 *
 * <p>The same {@code (accounts, seed)} on an empty database gives byte-identical rows. Ids continue after
 * each table's largest id (customers after the largest customer_id), so a portfolio can be added to a
 * database that has data. Rows are streamed with one PostgreSQL COPY per table per
 * {@value #ACCOUNTS_PER_COPY} accounts (the next batch is generated while PostgreSQL takes the previous
 * one), so a million accounts take minutes in a small fixed heap. The whole portfolio is inserted in one
 * transaction, with the source tables locked against other writers (readers are not blocked): it is there
 * completely or not at all. The tables are analyzed at the end, so a benchmark run right after generation
 * is planned with statistics that describe the data.
 */
@Component
public class DemoPortfolioGenerator {

    static final int ACCOUNTS_PER_COPY = 10_000;
    private static final int ACCOUNTS_PER_PROGRESS_LOG = 100_000;

    private static final Logger log = LoggerFactory.getLogger(DemoPortfolioGenerator.class);

    // Self-conflicting, so two generators cannot both read the same largest ids; plain SELECTs still run.
    private static final String LOCK_SOURCE_TABLES = """
            LOCK TABLE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                       playbook_triggers, account_notes
            IN SHARE ROW EXCLUSIVE MODE""";

    // A new customer must not collide with an existing customer's triggers: unique (customer_id, playbook_type).
    private static final String LAST_IDS = """
            SELECT (SELECT coalesce(max(account_id), 0) FROM accounts)           AS accounts,
                   (SELECT coalesce(max(product_id), 0) FROM products)           AS products,
                   (SELECT coalesce(max(kpi_id), 0) FROM kpis)                   AS kpis,
                   (SELECT coalesce(max(trend_id), 0) FROM health_trends)        AS health_trends,
                   (SELECT coalesce(max(id), 0) FROM playbook_executions)        AS playbook_executions,
                   (SELECT coalesce(max(report_id), 0) FROM playbook_reports)    AS playbook_reports,
                   (SELECT coalesce(max(trigger_id), 0) FROM playbook_triggers)  AS playbook_triggers,
                   (SELECT coalesce(max(note_id), 0) FROM account_notes)         AS account_notes,
                   greatest((SELECT coalesce(max(customer_id), 0) FROM accounts),
                            (SELECT coalesce(max(customer_id), 0) FROM playbook_triggers)) AS customers""";

    private static final String ANALYZE_SOURCE_TABLES = """
            ANALYZE accounts, products, kpis, health_trends, playbook_executions, playbook_reports,
                    playbook_triggers, account_notes""";

    private final DataSource dataSource;

    public DemoPortfolioGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts {@code accounts} new accounts with their related rows, derived from {@code seed} and the ids
     * they get, and returns the number of rows inserted per table.
     */
    public DemoPortfolio generate(int accounts, long seed) {
        return generate(accounts, seed, ACCOUNTS_PER_COPY);
    }

    /** As {@link #generate(int, long)}, with COPYs of another size (the rows do not depend on it). */
    DemoPortfolio generate(int accounts, long seed, int accountsPerCopy) {
        if (accounts < 0 || accountsPerCopy < 1) {
            throw new IllegalArgumentException("need accounts >= 0 and accountsPerCopy >= 1, not " + accounts
                    + " and " + accountsPerCopy);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                DemoPortfolio portfolio = generate(connection, accounts, seed, accountsPerCopy);
                connection.commit();
                return portfolio;
            } catch (SQLException | RuntimeException | Error failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failure) {
            DataAccessException translated =
                    new SQLStateSQLExceptionTranslator().translate("generate demo portfolio", null, failure);
            throw translated != null ? translated
                    : new UncategorizedSQLException("generate demo portfolio", null, failure);
        }
    }

    private static void recordRange(Connection connection, long seed, long firstAccountId, long lastAccountId)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO demo_portfolios (seed, first_account_id, last_account_id) VALUES (?, ?, ?)")) {
            statement.setLong(1, seed);
            statement.setLong(2, firstAccountId);
            statement.setLong(3, lastAccountId);
            statement.executeUpdate();
        }
    }

    private DemoPortfolio generate(Connection connection, int accounts, long seed, int accountsPerCopy)
            throws SQLException {
        Map<DemoTable, Long> lastIds = new EnumMap<>(DemoTable.class);
        long customerId;
        try (Statement statement = connection.createStatement()) {
            statement.execute(LOCK_SOURCE_TABLES);
            try (ResultSet last = statement.executeQuery(LAST_IDS)) {
                last.next();
                for (DemoTable table : DemoTable.values()) {
                    lastIds.put(table, last.getLong(table.tableName()));
                }
                customerId = last.getLong("customers");
            }
        }
        DemoRows rows = new DemoRows(seed, lastIds);
        try (DemoBatchCopier copier = new DemoBatchCopier(connection)) {
            int accountsLeftInCustomer = 0;
            for (int done = 0; done < accounts; ) {
                DemoBatch batch = copier.emptyBatch();
                int batchStart = done;
                for (int batchEnd = Math.min(accounts, done + accountsPerCopy); done < batchEnd; done++) {
                    if (accountsLeftInCustomer == 0) {
                        accountsLeftInCustomer = rows.customer(++customerId, batch);
                    }
                    rows.account(rows.nextAccountId(), customerId, batch);
                    accountsLeftInCustomer--;
                }
                int inserted = done;
                copier.copy(batch, () -> {
                    if (inserted / ACCOUNTS_PER_PROGRESS_LOG > batchStart / ACCOUNTS_PER_PROGRESS_LOG
                            || inserted == accounts) {
                        log.info("Demo portfolio: {} of {} accounts inserted ({} KPIs so far)", inserted, accounts,
                                copier.inserted(DemoTable.KPIS));
                    }
                });
            }
            copier.finish();
            if (accounts > 0) {
                long firstAccountId = lastIds.get(DemoTable.ACCOUNTS) + 1;
                recordRange(connection, seed, firstAccountId, firstAccountId + accounts - 1);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(ANALYZE_SOURCE_TABLES);
            }
            return new DemoPortfolio((int) copier.inserted(DemoTable.ACCOUNTS), copier.inserted(DemoTable.PRODUCTS),
                    copier.inserted(DemoTable.KPIS), copier.inserted(DemoTable.HEALTH_TRENDS),
                    copier.inserted(DemoTable.PLAYBOOK_EXECUTIONS), copier.inserted(DemoTable.PLAYBOOK_REPORTS),
                    copier.inserted(DemoTable.PLAYBOOK_TRIGGERS), copier.inserted(DemoTable.ACCOUNT_NOTES));
        }
    }
}
