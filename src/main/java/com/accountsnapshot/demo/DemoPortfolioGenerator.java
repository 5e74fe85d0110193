package com.accountsnapshot.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * Generates a realistic demo (and benchmark) portfolio into the source tables of SPEC §2: customers of 1
 * to 50 accounts, each account with products, KPIs, health trends, playbook executions and reports, and
 * CSM notes, plus each customer's playbook triggers, with a share of the messy data real platforms hold.
 *
 * <p>The same {@code (accounts, seed)} on an empty database gives byte-identical rows. Ids continue after
 * each table's largest id (customers after the largest customer_id), so a portfolio can be added to a
 * database that has data. Rows are streamed with one PostgreSQL COPY per table per
 * {@value #ACCOUNTS_PER_COPY} accounts, so a million accounts take minutes in a small fixed heap. The whole
 * portfolio is inserted in one transaction, with the source tables locked against other writers (readers
 * are not blocked): it is there completely or not at all.
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

    private final DataSource dataSource;

    public DemoPortfolioGenerator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts {@code accounts} new accounts with their related rows, derived from {@code seed} and the ids
     * they get, and returns the number of rows inserted per table.
     */
    public DemoPortfolio generate(int accounts, long seed) {
        if (accounts < 0) {
            throw new IllegalArgumentException("accounts must not be negative: " + accounts);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                DemoPortfolio portfolio = generate(connection, accounts, seed);
                connection.commit();
                return portfolio;
            } catch (SQLException | RuntimeException | Error failure) {
                connection.rollback();
                throw failure;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException failure) {
            throw new SQLStateSQLExceptionTranslator().translate("generate demo portfolio", null, failure);
        }
    }

    private DemoPortfolio generate(Connection connection, int accounts, long seed) throws SQLException {
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
        CopyManager copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        DemoRows rows = new DemoRows(seed, lastIds);
        DemoBatch batch = new DemoBatch();
        Map<DemoTable, Long> inserted = new EnumMap<>(DemoTable.class);
        int accountsLeftInCustomer = 0;
        int done = 0;
        while (done < accounts) {
            batch.clear();
            for (int batchEnd = Math.min(accounts, done + ACCOUNTS_PER_COPY); done < batchEnd; done++) {
                if (accountsLeftInCustomer == 0) {
                    accountsLeftInCustomer = rows.customer(++customerId, batch);
                }
                rows.account(rows.nextAccountId(), customerId, batch);
                accountsLeftInCustomer--;
            }
            copy(copyManager, batch, inserted);
            if (done % ACCOUNTS_PER_PROGRESS_LOG == 0 || done == accounts) {
                log.info("Demo portfolio: {} of {} accounts generated ({} KPIs so far)", done, accounts,
                        inserted.getOrDefault(DemoTable.KPIS, 0L));
            }
        }
        return new DemoPortfolio((int) count(inserted, DemoTable.ACCOUNTS), count(inserted, DemoTable.PRODUCTS), count(inserted, DemoTable.KPIS),
                count(inserted, DemoTable.HEALTH_TRENDS), count(inserted, DemoTable.PLAYBOOK_EXECUTIONS),
                count(inserted, DemoTable.PLAYBOOK_REPORTS), count(inserted, DemoTable.PLAYBOOK_TRIGGERS),
                count(inserted, DemoTable.ACCOUNT_NOTES));
    }

    private static void copy(CopyManager copyManager, DemoBatch batch, Map<DemoTable, Long> inserted)
            throws SQLException {
        for (DemoTable table : DemoTable.values()) {
            CopyBuffer rows = batch.rows(table);
            if (rows.rows() == 0) {
                continue;
            }
            CopyIn copy = copyManager.copyIn(table.copySql());
            try {
                copy.writeToCopy(rows.bytes(), 0, rows.size());
                inserted.merge(table, copy.endCopy(), Long::sum);
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private static long count(Map<DemoTable, Long> inserted, DemoTable table) {
        return inserted.getOrDefault(table, 0L);
    }
}
