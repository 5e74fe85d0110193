package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.SnapshotIssue;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bulk-inserts a chunk's snapshots into {@code account_snapshots} with the run's job ids, then the warnings
 * raised while calculating them into {@code snapshot_run_issues}, in the chunk's transaction: a chunk that
 * rolls back leaves neither behind.
 * <p>
 * The chunk goes in as one statement, {@code INSERT ... SELECT ... FROM unnest(<one array per column>)}: one
 * round trip, one execution and 61 bound parameters (the job ids and 59 column arrays) however large the
 * chunk. A JDBC batch of one {@code INSERT ... VALUES} per snapshot (even rewritten into multi-row inserts by
 * the driver) costs two to three times as much per chunk here, and the insert was the largest part of a
 * chunk's time.
 */
public class JdbcSnapshotWriter implements ItemWriter<AccountSnapshot> {

    /** A column filled from each snapshot: its SQL type and how its value is read from the snapshot. */
    private record Column(String name, String type, Function<AccountSnapshot, @Nullable Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("account_id", "bigint", AccountSnapshot::accountId),
            new Column("customer_id", "bigint", AccountSnapshot::customerId),
            new Column("snapshot_timestamp", "timestamptz", AccountSnapshot::snapshotTimestamp),
            new Column("snapshot_type", "text", s -> s.snapshotType().code()),
            new Column("snapshot_reason", "text", AccountSnapshot::snapshotReason),
            new Column("trigger_event", "text", AccountSnapshot::triggerEvent),
            new Column("previous_snapshot_id", "bigint", s -> s.change().previousSnapshotId()),
            new Column("account_name", "text", AccountSnapshot::accountName),
            new Column("account_status", "text", AccountSnapshot::accountStatus),
            new Column("industry", "text", AccountSnapshot::industry),
            new Column("region", "text", AccountSnapshot::region),
            new Column("external_account_id", "text", AccountSnapshot::externalAccountId),
            new Column("revenue", "numeric", AccountSnapshot::revenue),
            new Column("account_tier", "text", s -> s.profile().accountTier()),
            new Column("assigned_csm", "text", s -> s.profile().assignedCsm()),
            new Column("csm_manager", "text", s -> s.profile().csmManager()),
            new Column("account_owner", "text", s -> s.profile().accountOwner()),
            new Column("lifecycle_stage", "text", s -> s.profile().lifecycleStage()),
            new Column("onboarding_status", "text", s -> s.profile().onboardingStatus()),
            new Column("last_qbr_date", "date", s -> s.profile().lastQbrDate()),
            new Column("next_qbr_date", "date", s -> s.profile().nextQbrDate()),
            new Column("engagement_score", "numeric", s -> s.profile().engagementScore()),
            new Column("primary_champion", "text", s -> s.profile().primaryChampion()),
            new Column("champion_status", "text", s -> s.profile().championStatus()),
            new Column("stakeholder_count", "integer", s -> s.profile().stakeholderCount()),
            new Column("products_used", "jsonb", s -> SnapshotJson.list(s.productsUsed())),
            new Column("product_count", "integer", AccountSnapshot::productCount),
            new Column("primary_product", "text", AccountSnapshot::primaryProduct),
            new Column("overall_health_score", "numeric", s -> s.health().overall()),
            new Column("product_usage_score", "numeric", s -> s.health().productUsage()),
            new Column("support_score", "numeric", s -> s.health().support()),
            new Column("customer_sentiment_score", "numeric", s -> s.health().customerSentiment()),
            new Column("business_outcomes_score", "numeric", s -> s.health().businessOutcomes()),
            new Column("relationship_strength_score", "numeric", s -> s.health().relationshipStrength()),
            new Column("health_score_source", "text", s -> s.health().source()),
            new Column("total_kpis", "integer", s -> s.kpis().total()),
            new Column("account_level_kpis", "integer", s -> s.kpis().accountLevel()),
            new Column("product_level_kpis", "integer", s -> s.kpis().productLevel()),
            new Column("critical_kpis_count", "integer", s -> s.kpis().critical()),
            new Column("at_risk_kpis_count", "integer", s -> s.kpis().atRisk()),
            new Column("healthy_kpis_count", "integer", s -> s.kpis().healthy()),
            new Column("unscored_kpis_count", "integer", s -> s.kpis().unscored()),
            new Column("top_critical_kpis", "jsonb", s -> SnapshotJson.topCriticalKpis(s.kpis().topCritical())),
            new Column("playbooks_running", "jsonb", s -> SnapshotJson.list(s.playbooks().running())),
            new Column("playbooks_running_count", "integer", s -> s.playbooks().runningCount()),
            new Column("playbooks_completed_count", "integer", s -> s.playbooks().completedCount()),
            new Column("playbooks_completed_last_30_days", "integer", s -> s.playbooks().completedLast30Days()),
            new Column("last_playbook_executed", "jsonb", s -> SnapshotJson.lastPlaybook(s.playbooks().lastExecuted())),
            new Column("playbook_recommendations_active", "jsonb",
                    s -> SnapshotJson.list(s.playbooks().recommendationsActive())),
            new Column("recent_playbook_report_ids", "jsonb", s -> SnapshotJson.list(s.recentPlaybookReportIds())),
            new Column("recent_csm_note_ids", "jsonb", s -> SnapshotJson.list(s.recentCsmNoteIds())),
            new Column("snapshot_sequence_number", "integer", s -> s.change().sequenceNumber()),
            new Column("days_since_last_snapshot", "integer", s -> s.change().daysSinceLastSnapshot()),
            new Column("health_score_change_from_last", "numeric", s -> s.change().healthScoreChange()),
            new Column("revenue_change_from_last", "numeric", s -> s.change().revenueChange()),
            new Column("revenue_change_percent", "numeric", s -> s.change().revenueChangePercent()),
            new Column("health_score_trend", "text", s -> s.change().healthScoreTrend()),
            new Column("is_significant_change", "boolean", s -> s.change().significantChange()),
            new Column("changed_fields", "jsonb", s -> SnapshotJson.changedFields(s.changedFields())));

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

    /** The run's values, then one text array per column, each element cast to the column's type. */
    private static final String INSERT_CHUNK = INSERT_INTO_SNAPSHOTS + "SELECT 1, ?, ?, "
            + COLUMNS.stream().map(column -> "CAST(chunk." + column.name() + " AS " + column.type() + ")")
                    .collect(Collectors.joining(", "))
            + "\nFROM unnest(" + COLUMNS.stream().map(column -> "CAST(? AS text[])").collect(Collectors.joining(", "))
            + ") AS chunk(" + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", ")) + ")";

    private final JdbcTemplate jdbc;

    private final JdbcSnapshotIssueRepository issues;

    private final long jobInstanceId;

    private final long jobExecutionId;

    public JdbcSnapshotWriter(DataSource dataSource, JdbcSnapshotIssueRepository issues, long jobInstanceId,
            long jobExecutionId) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.issues = issues;
        this.jobInstanceId = jobInstanceId;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends AccountSnapshot> chunk) throws Exception {
        if (chunk.isEmpty()) {
            return;
        }
        String[][] values = columnValues(chunk.getItems());
        int inserted = jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement(INSERT_CHUNK);
            insert.setLong(1, jobInstanceId);
            insert.setLong(2, jobExecutionId);
            for (int column = 0; column < values.length; column++) {
                insert.setArray(3 + column, connection.createArrayOf("text", values[column]));
            }
            return insert;
        });
        if (inserted != chunk.size()) {
            throw new IncorrectResultSizeDataAccessException("Inserted " + inserted + " snapshots of a chunk of "
                    + chunk.size(), chunk.size(), inserted);
        }
        List<JdbcSnapshotIssueRepository.AccountIssue> warnings = new ArrayList<>();
        for (AccountSnapshot snapshot : chunk) {
            for (SnapshotIssue warning : snapshot.warnings()) {
                warnings.add(new JdbcSnapshotIssueRepository.AccountIssue(snapshot.accountId(), warning));
            }
        }
        issues.record(jobExecutionId, warnings);
    }

    /** The chunk column by column, each value as PostgreSQL reads its type's text form. */
    private static @Nullable String[][] columnValues(List<? extends AccountSnapshot> snapshots) {
        String[][] values = new String[COLUMNS.size()][snapshots.size()];
        for (int row = 0; row < snapshots.size(); row++) {
            AccountSnapshot snapshot = snapshots.get(row);
            for (int column = 0; column < values.length; column++) {
                values[column][row] = text(COLUMNS.get(column).value().apply(snapshot));
            }
        }
        return values;
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        // toString() may use an exponent (1E+3); plain digits read back as the same numeric
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
    }
}
