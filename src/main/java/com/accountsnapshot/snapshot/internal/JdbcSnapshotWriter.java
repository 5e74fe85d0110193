package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotIssue;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk-inserts a chunk's snapshots into {@code account_snapshots} with the run's job ids, then the warnings
 * raised while calculating them into {@code snapshot_run_issues}, in the chunk's transaction: a chunk that
 * rolls back leaves neither behind.
 * <p>
 * The chunk goes in as one {@code COPY account_snapshots (...) FROM STDIN}: its rows in COPY's text format,
 * written straight into a byte buffer the writer keeps for its step, and sent in one round trip. The table's
 * statement trigger sees the chunk as one statement's rows, as it did an {@code INSERT}. Before, the chunk went in
 * as {@code INSERT ... SELECT ... FROM unnest(<one text array per column>)}, and the driver's encoding of those
 * 59 arrays (one byte array per value, grown and copied into each array's buffer) was about a sixth of the job's
 * JVM time on a million accounts.
 */
public class JdbcSnapshotWriter implements ItemWriter<AccountSnapshot> {

    /** A column filled from each snapshot: its name and how its value is read from the snapshot. */
    private record Column(String name, Function<AccountSnapshot, @Nullable Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("account_id", AccountSnapshot::accountId),
            new Column("customer_id", AccountSnapshot::customerId),
            new Column("snapshot_timestamp", AccountSnapshot::snapshotTimestamp),
            new Column("snapshot_type", s -> s.snapshotType().code()),
            new Column("snapshot_reason", AccountSnapshot::snapshotReason),
            new Column("trigger_event", AccountSnapshot::triggerEvent),
            new Column("previous_snapshot_id", s -> s.change().previousSnapshotId()),
            new Column("account_name", AccountSnapshot::accountName),
            new Column("account_status", AccountSnapshot::accountStatus),
            new Column("industry", AccountSnapshot::industry),
            new Column("region", AccountSnapshot::region),
            new Column("external_account_id", AccountSnapshot::externalAccountId),
            new Column("revenue", AccountSnapshot::revenue),
            new Column("account_tier", s -> s.profile().accountTier()),
            new Column("assigned_csm", s -> s.profile().assignedCsm()),
            new Column("csm_manager", s -> s.profile().csmManager()),
            new Column("account_owner", s -> s.profile().accountOwner()),
            new Column("lifecycle_stage", s -> s.profile().lifecycleStage()),
            new Column("onboarding_status", s -> s.profile().onboardingStatus()),
            new Column("last_qbr_date", s -> s.profile().lastQbrDate()),
            new Column("next_qbr_date", s -> s.profile().nextQbrDate()),
            new Column("engagement_score", s -> s.profile().engagementScore()),
            new Column("primary_champion", s -> s.profile().primaryChampion()),
            new Column("champion_status", s -> s.profile().championStatus()),
            new Column("stakeholder_count", s -> s.profile().stakeholderCount()),
            new Column("products_used", s -> SnapshotJson.list(s.productsUsed())),
            new Column("product_count", AccountSnapshot::productCount),
            new Column("primary_product", AccountSnapshot::primaryProduct),
            new Column("overall_health_score", s -> s.health().overall()),
            new Column("product_usage_score", s -> s.health().productUsage()),
            new Column("support_score", s -> s.health().support()),
            new Column("customer_sentiment_score", s -> s.health().customerSentiment()),
            new Column("business_outcomes_score", s -> s.health().businessOutcomes()),
            new Column("relationship_strength_score", s -> s.health().relationshipStrength()),
            new Column("health_score_source", s -> s.health().source()),
            new Column("total_kpis", s -> s.kpis().total()),
            new Column("account_level_kpis", s -> s.kpis().accountLevel()),
            new Column("product_level_kpis", s -> s.kpis().productLevel()),
            new Column("critical_kpis_count", s -> s.kpis().critical()),
            new Column("at_risk_kpis_count", s -> s.kpis().atRisk()),
            new Column("healthy_kpis_count", s -> s.kpis().healthy()),
            new Column("unscored_kpis_count", s -> s.kpis().unscored()),
            new Column("top_critical_kpis", s -> SnapshotJson.topCriticalKpis(s.kpis().topCritical())),
            new Column("playbooks_running", s -> SnapshotJson.list(s.playbooks().running())),
            new Column("playbooks_running_count", s -> s.playbooks().runningCount()),
            new Column("playbooks_completed_count", s -> s.playbooks().completedCount()),
            new Column("playbooks_completed_last_30_days", s -> s.playbooks().completedLast30Days()),
            new Column("last_playbook_executed", s -> SnapshotJson.lastPlaybook(s.playbooks().lastExecuted())),
            new Column("playbook_recommendations_active", s -> SnapshotJson.list(s.playbooks().recommendationsActive())),
            new Column("recent_playbook_report_ids", s -> SnapshotJson.list(s.recentPlaybookReportIds())),
            new Column("recent_csm_note_ids", s -> SnapshotJson.list(s.recentCsmNoteIds())),
            new Column("snapshot_sequence_number", s -> s.change().sequenceNumber()),
            new Column("days_since_last_snapshot", s -> s.change().daysSinceLastSnapshot()),
            new Column("health_score_change_from_last", s -> s.change().healthScoreChange()),
            new Column("revenue_change_from_last", s -> s.change().revenueChange()),
            new Column("revenue_change_percent", s -> s.change().revenueChangePercent()),
            new Column("health_score_trend", s -> s.change().healthScoreTrend()),
            new Column("is_significant_change", s -> s.change().significantChange()),
            new Column("changed_fields", s -> SnapshotJson.changedFields(s.changedFields())));

    /**
     * The columns a snapshot row is inserted with, in the order of their values: the run's three (version,
     * job instance, job execution), then each snapshot's own; shared with every writer of
     * {@code account_snapshots}, so that none drifts from the table.
     */
    public static final String INSERT_INTO_SNAPSHOTS = "INSERT INTO account_snapshots (snapshot_version, "
            + "job_instance_id, job_execution_id, "
            + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ")\n";

    /** The columns of {@link #INSERT_INTO_SNAPSHOTS}, in its order. */
    public static final List<String> INSERTED_COLUMNS = Stream.concat(
            Stream.of("snapshot_version", "job_instance_id", "job_execution_id"),
            COLUMNS.stream().map(Column::name)).toList();

    /** The chunk's rows, in COPY's text format, one field per column of {@link #INSERTED_COLUMNS}. */
    private static final String COPY_CHUNK = "COPY account_snapshots (" + String.join(", ", INSERTED_COLUMNS)
            + ") FROM STDIN";

    /** One snapshot: the run's values, then each column's text form, typed by its column. */
    private static final String INSERT_ROW = INSERT_INTO_SNAPSHOTS + "VALUES (1, ?, ?, "
            + COLUMNS.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";

    private final JdbcTemplate jdbc;

    private final JdbcSnapshotIssueRepository issues;

    private final long jobInstanceId;

    private final long jobExecutionId;

    /** Whether each snapshot goes in as an INSERT of its own rather than the chunk as one COPY. */
    private final boolean rowByRow;

    /** The chunk being written, kept from chunk to chunk: a step's chunks are written one after another. */
    private final CopyBuffer rows = new CopyBuffer();

    public JdbcSnapshotWriter(DataSource dataSource, JdbcSnapshotIssueRepository issues, long jobInstanceId,
            long jobExecutionId) {
        this(dataSource, issues, jobInstanceId, jobExecutionId, false);
    }

    private JdbcSnapshotWriter(DataSource dataSource, JdbcSnapshotIssueRepository issues, long jobInstanceId,
            long jobExecutionId, boolean rowByRow) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.issues = issues;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
        this.rowByRow = rowByRow;
    }

    /**
     * A writer of one {@code INSERT ... VALUES} per snapshot, a prepared statement with one parameter per column:
     * how an implementation that works account by account inserts (the benchmark's naive contender).
     */
    public static JdbcSnapshotWriter rowByRow(DataSource dataSource, JdbcSnapshotIssueRepository issues,
            long jobInstanceId, long jobExecutionId) {
        return new JdbcSnapshotWriter(dataSource, issues, jobInstanceId, jobExecutionId, true);
    }

    @Override
    public void write(Chunk<? extends AccountSnapshot> chunk) throws Exception {
        if (chunk.isEmpty()) {
            return;
        }
        long inserted = rowByRow ? insertEach(chunk) : copy(chunk);
        if (inserted != chunk.size()) {
            throw new IncorrectResultSizeDataAccessException("Inserted " + inserted + " snapshots of a chunk of "
                    + chunk.size(), chunk.size(), (int) inserted);
        }
        List<JdbcSnapshotIssueRepository.AccountIssue> warnings = new ArrayList<>();
        for (AccountSnapshot snapshot : chunk) {
            for (SnapshotIssue warning : snapshot.warnings()) {
                warnings.add(new JdbcSnapshotIssueRepository.AccountIssue(snapshot.accountId(), warning));
            }
        }
        issues.record(jobExecutionId, warnings);
    }

    private long copy(Chunk<? extends AccountSnapshot> chunk) {
        rows.clear();
        for (AccountSnapshot snapshot : chunk) {
            rows.number(1).number(jobInstanceId).number(jobExecutionId);
            for (Column column : COLUMNS) {
                rows.text(text(column.value().apply(snapshot)));
            }
            rows.endRow();
        }
        return Objects.requireNonNull(jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_CHUNK);
            try {
                copy.writeToCopy(rows.bytes(), 0, rows.size());
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }));
    }

    private long insertEach(Chunk<? extends AccountSnapshot> chunk) {
        long inserted = 0;
        for (AccountSnapshot snapshot : chunk) {
            inserted += jdbc.update(INSERT_ROW, insert -> {
                insert.setLong(1, jobInstanceId);
                insert.setLong(2, jobExecutionId);
                for (int column = 0; column < COLUMNS.size(); column++) {
                    insert.setObject(3 + column, text(COLUMNS.get(column).value().apply(snapshot)), Types.OTHER);
                }
            });
        }
        return inserted;
    }

    /** A value as PostgreSQL reads its column type's text form. */
    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        // toString() may use an exponent (1E+3); plain digits read back as the same numeric
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
