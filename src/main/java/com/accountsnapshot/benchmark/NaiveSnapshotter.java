package com.accountsnapshot.benchmark;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.Account;
import com.accountsnapshot.snapshot.AccountContext;
import com.accountsnapshot.snapshot.HealthTrend;
import com.accountsnapshot.snapshot.Kpi;
import com.accountsnapshot.snapshot.KpiReferenceRange;
import com.accountsnapshot.snapshot.KpiReferenceRanges;
import com.accountsnapshot.snapshot.PlaybookExecution;
import com.accountsnapshot.snapshot.PreviousSnapshot;
import com.accountsnapshot.snapshot.Product;
import com.accountsnapshot.snapshot.SnapshotCalculator;
import com.accountsnapshot.snapshot.SnapshotOutcome;
import com.accountsnapshot.snapshot.SnapshotRun;
import com.accountsnapshot.snapshot.internal.AccountRowMapper;
import com.accountsnapshot.snapshot.internal.JdbcAccountContextLoader;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotIssueRepository;
import com.accountsnapshot.snapshot.internal.JdbcSnapshotWriter;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The prototype's way of taking snapshots, for comparison: account by account, in a transaction of its own,
 * the account's row, then one query per related table (products, KPIs, reference ranges, latest health
 * trend, playbook executions, triggers, reports, notes, previous snapshots) reading the rows as of the run's
 * instant as the job does, then one INSERT. The
 * calculation and the INSERT are the product's own ({@link SnapshotCalculator},
 * {@link JdbcSnapshotWriter#rowByRow}), so only the data access differs from the job.
 */
final class NaiveSnapshotter {

    private static final String ACCOUNT = "SELECT " + AccountRowMapper.COLUMNS + " FROM accounts WHERE account_id = ?";

    private static final String PRODUCTS = """
            SELECT product_id, product_name FROM products
            WHERE account_id = ? AND customer_id = ? AND (created_at IS NULL OR created_at <= ?)
            ORDER BY product_id""";

    private static final String KPIS = """
            SELECT kpi_id, product_id, category, kpi_parameter, data, impact_level FROM kpis
            WHERE account_id = ? AND customer_id = ? AND (created_at IS NULL OR created_at <= ?)
            ORDER BY kpi_id""";

    private static final String KPI_RANGES = """
            SELECT kpi_name, higher_is_better, critical_bound, healthy_bound FROM kpi_reference_ranges
            ORDER BY kpi_name""";

    private static final String LATEST_TREND = """
            SELECT year, month, overall_health_score, product_usage_score, support_score, customer_sentiment_score,
                   business_outcomes_score, relationship_strength_score
            FROM health_trends WHERE account_id = ? AND customer_id = ?
              AND (year IS NULL OR month IS NULL
                   OR (year, month) <= (extract(year FROM CAST(? AS timestamptz) AT TIME ZONE 'UTC')::int,
                                        extract(month FROM CAST(? AS timestamptz) AT TIME ZONE 'UTC')::int))
            ORDER BY year DESC NULLS LAST, month DESC NULLS LAST LIMIT 1""";

    private static final String EXECUTIONS = """
            SELECT id, playbook_id, status, started_at, completed_at FROM playbook_executions
            WHERE account_id = ? AND customer_id = ? AND started_at <= ? ORDER BY started_at, id""";

    private static final String ACTIVE_TRIGGERS = """
            SELECT DISTINCT playbook_type FROM playbook_triggers
            WHERE customer_id = ? AND auto_trigger_enabled AND playbook_type IS NOT NULL ORDER BY playbook_type""";

    private static final String RECENT_REPORTS = """
            SELECT report_id FROM playbook_reports WHERE account_id = ? AND customer_id = ? AND report_generated_at <= ?
            ORDER BY report_generated_at DESC, report_id DESC LIMIT 3""";

    private static final String RECENT_NOTES = """
            SELECT note_id FROM account_notes WHERE account_id = ? AND customer_id = ? AND created_at <= ?
            ORDER BY created_at DESC, note_id DESC LIMIT 5""";

    private static final String PREVIOUS_SNAPSHOTS = """
            SELECT snapshot_id, snapshot_sequence_number, snapshot_timestamp, overall_health_score, revenue,
                   account_status, %s AS stored_fields
            FROM account_snapshots s WHERE account_id = ? ORDER BY snapshot_sequence_number DESC LIMIT 2"""
            .formatted(JdbcAccountContextLoader.storedFieldsSql("s"));

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final JdbcSnapshotWriter writer;

    private final SnapshotCalculator calculator = new SnapshotCalculator();

    NaiveSnapshotter(DataSource dataSource, long jobInstanceId, long jobExecutionId) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.writer = JdbcSnapshotWriter.rowByRow(dataSource, new JdbcSnapshotIssueRepository(jdbc), jobInstanceId,
                jobExecutionId);
    }

    /** Snapshots the accounts one by one and returns the number of snapshots written. */
    int snapshot(List<Long> accountIds, SnapshotRun run) {
        int written = 0;
        for (long accountId : accountIds) {
            Boolean wrote = transactions.execute(status -> snapshot(accountId, run));
            written += Boolean.TRUE.equals(wrote) ? 1 : 0;
        }
        return written;
    }

    private boolean snapshot(long accountId, SnapshotRun run) {
        Account account = jdbc.queryForObject(ACCOUNT, new AccountRowMapper(), accountId);
        long id = account.accountId();
        long customer = account.customerId();
        OffsetDateTime asOf = run.asOf().atOffset(ZoneOffset.UTC);
        List<HealthTrend> trend = jdbc.query(LATEST_TREND, (rs, n) -> new HealthTrend(rs.getInt("year"),
                rs.getInt("month"), rs.getBigDecimal("overall_health_score"), rs.getBigDecimal("product_usage_score"),
                rs.getBigDecimal("support_score"), rs.getBigDecimal("customer_sentiment_score"),
                rs.getBigDecimal("business_outcomes_score"), rs.getBigDecimal("relationship_strength_score")),
                id, customer, asOf, asOf);
        AccountContext context = new AccountContext(account,
                jdbc.query(PRODUCTS, (rs, n) -> new Product(rs.getLong("product_id"), rs.getString("product_name")),
                        id, customer, asOf),
                jdbc.query(KPIS, (rs, n) -> new Kpi(rs.getLong("kpi_id"), nullableLong(rs, "product_id"),
                        rs.getString("category"), rs.getString("kpi_parameter"), rs.getString("data"),
                        rs.getString("impact_level")), id, customer, asOf),
                trend.isEmpty() ? null : trend.get(0),
                jdbc.query(EXECUTIONS, (rs, n) -> new PlaybookExecution(rs.getLong("id"), rs.getString("playbook_id"),
                        rs.getString("status"), instant(rs, "started_at"), instant(rs, "completed_at")), id, customer,
                        asOf),
                jdbc.queryForList(ACTIVE_TRIGGERS, String.class, customer),
                jdbc.queryForList(RECENT_REPORTS, Long.class, id, customer, asOf),
                jdbc.queryForList(RECENT_NOTES, Long.class, id, customer, asOf),
                jdbc.query(PREVIOUS_SNAPSHOTS, (rs, n) -> new PreviousSnapshot(rs.getLong("snapshot_id"),
                        rs.getInt("snapshot_sequence_number"), instant(rs, "snapshot_timestamp"),
                        rs.getBigDecimal("overall_health_score"), rs.getBigDecimal("revenue"),
                        rs.getString("account_status"),
                        JdbcAccountContextLoader.readStoredFields(rs.getString("stored_fields"))), id));
        // naive: the reference ranges read again for every account
        KpiReferenceRanges ranges = new KpiReferenceRanges(jdbc.query(KPI_RANGES, (rs, n) -> new KpiReferenceRange(
                rs.getString("kpi_name"), rs.getBoolean("higher_is_better"), rs.getBigDecimal("critical_bound"),
                rs.getBigDecimal("healthy_bound"))));
        SnapshotOutcome outcome = calculator.calculate(context, new SnapshotRun(run.asOf(), run.type(), run.reason(),
                run.triggerEvent(), run.force(), run.cooldown(), ranges));
        if (outcome.isFiltered()) {
            return false;
        }
        try {
            writer.write(new Chunk<>(List.of(outcome.snapshot())));
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not write the snapshot of account " + id, ex);
        }
        return true;
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
