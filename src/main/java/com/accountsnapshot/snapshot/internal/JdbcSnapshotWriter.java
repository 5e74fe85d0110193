package com.accountsnapshot.snapshot.internal;

import java.sql.Date;
import java.time.ZoneOffset;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.accountsnapshot.snapshot.AccountSnapshot;
import com.accountsnapshot.snapshot.ChangeSummary;
import com.accountsnapshot.snapshot.HealthScores;
import com.accountsnapshot.snapshot.KpiSummary;
import com.accountsnapshot.snapshot.PlaybookSummary;
import com.accountsnapshot.snapshot.ProfileFields;
import com.accountsnapshot.snapshot.SnapshotIssue;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Bulk-inserts a chunk's snapshots into {@code account_snapshots} with the run's job ids, then the warnings
 * raised while calculating them into {@code snapshot_run_issues}, in the chunk's transaction: a chunk that
 * rolls back leaves neither behind.
 */
public class JdbcSnapshotWriter implements ItemWriter<AccountSnapshot> {

    /**
     * The columns a snapshot row is inserted with, in the order of their values; shared with every writer of
     * {@code account_snapshots}, so that none drifts from the table.
     */
    public static final String INSERT_INTO_SNAPSHOTS = """
            INSERT INTO account_snapshots (
                account_id, customer_id, snapshot_timestamp, snapshot_type, snapshot_reason, trigger_event,
                snapshot_version, job_instance_id, job_execution_id, previous_snapshot_id,
                account_name, account_status, industry, region, external_account_id, revenue,
                account_tier, assigned_csm, csm_manager, account_owner, lifecycle_stage, onboarding_status,
                last_qbr_date, next_qbr_date, engagement_score, primary_champion, champion_status, stakeholder_count,
                products_used, product_count, primary_product,
                overall_health_score, product_usage_score, support_score, customer_sentiment_score,
                business_outcomes_score, relationship_strength_score, health_score_source,
                total_kpis, account_level_kpis, product_level_kpis, critical_kpis_count, at_risk_kpis_count,
                healthy_kpis_count, unscored_kpis_count, top_critical_kpis,
                playbooks_running, playbooks_running_count, playbooks_completed_count,
                playbooks_completed_last_30_days, last_playbook_executed, playbook_recommendations_active,
                recent_playbook_report_ids, recent_csm_note_ids,
                snapshot_sequence_number, days_since_last_snapshot, health_score_change_from_last,
                revenue_change_from_last, revenue_change_percent, health_score_trend, is_significant_change)
            """;

    private static final String INSERT_SNAPSHOT = INSERT_INTO_SNAPSHOTS + """
            VALUES (
                :account_id, :customer_id, :snapshot_timestamp, :snapshot_type, :snapshot_reason, :trigger_event,
                1, :job_instance_id, :job_execution_id, :previous_snapshot_id,
                :account_name, :account_status, :industry, :region, :external_account_id, :revenue,
                :account_tier, :assigned_csm, :csm_manager, :account_owner, :lifecycle_stage, :onboarding_status,
                :last_qbr_date, :next_qbr_date, :engagement_score, :primary_champion, :champion_status,
                :stakeholder_count,
                CAST(:products_used AS jsonb), :product_count, :primary_product,
                :overall_health_score, :product_usage_score, :support_score, :customer_sentiment_score,
                :business_outcomes_score, :relationship_strength_score, :health_score_source,
                :total_kpis, :account_level_kpis, :product_level_kpis, :critical_kpis_count, :at_risk_kpis_count,
                :healthy_kpis_count, :unscored_kpis_count, CAST(:top_critical_kpis AS jsonb),
                CAST(:playbooks_running AS jsonb), :playbooks_running_count, :playbooks_completed_count,
                :playbooks_completed_last_30_days, CAST(:last_playbook_executed AS jsonb),
                CAST(:playbook_recommendations_active AS jsonb),
                CAST(:recent_playbook_report_ids AS jsonb), CAST(:recent_csm_note_ids AS jsonb),
                :snapshot_sequence_number, :days_since_last_snapshot, :health_score_change_from_last,
                :revenue_change_from_last, :revenue_change_percent, :health_score_trend, :is_significant_change)""";

    private final JdbcBatchItemWriter<AccountSnapshot> snapshots;

    private final JdbcSnapshotIssueRepository issues;

    private final long jobExecutionId;

    public JdbcSnapshotWriter(DataSource dataSource, JdbcSnapshotIssueRepository issues, long jobInstanceId,
            long jobExecutionId) {
        this.snapshots = new JdbcBatchItemWriterBuilder<AccountSnapshot>()
                .dataSource(dataSource)
                .sql(INSERT_SNAPSHOT)
                .itemSqlParameterSourceProvider(snapshot -> parameters(snapshot, jobInstanceId, jobExecutionId))
                .assertUpdates(true)
                .build();
        this.snapshots.afterPropertiesSet();
        this.issues = issues;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public void write(Chunk<? extends AccountSnapshot> chunk) throws Exception {
        snapshots.write(chunk);
        List<JdbcSnapshotIssueRepository.AccountIssue> warnings = new ArrayList<>();
        for (AccountSnapshot snapshot : chunk) {
            for (SnapshotIssue warning : snapshot.warnings()) {
                warnings.add(new JdbcSnapshotIssueRepository.AccountIssue(snapshot.accountId(), warning));
            }
        }
        issues.record(jobExecutionId, warnings);
    }

    private static SqlParameterSource parameters(AccountSnapshot s, long jobInstanceId, long jobExecutionId) {
        ProfileFields profile = s.profile();
        HealthScores health = s.health();
        KpiSummary kpis = s.kpis();
        PlaybookSummary playbooks = s.playbooks();
        ChangeSummary change = s.change();
        return new MapSqlParameterSource()
                .addValue("account_id", s.accountId())
                .addValue("customer_id", s.customerId())
                .addValue("snapshot_timestamp", s.snapshotTimestamp().atOffset(ZoneOffset.UTC),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("snapshot_type", s.snapshotType().code())
                .addValue("snapshot_reason", s.snapshotReason(), Types.VARCHAR)
                .addValue("trigger_event", s.triggerEvent(), Types.VARCHAR)
                .addValue("job_instance_id", jobInstanceId)
                .addValue("job_execution_id", jobExecutionId)
                .addValue("previous_snapshot_id", change.previousSnapshotId(), Types.BIGINT)
                .addValue("account_name", s.accountName())
                .addValue("account_status", s.accountStatus(), Types.VARCHAR)
                .addValue("industry", s.industry(), Types.VARCHAR)
                .addValue("region", s.region(), Types.VARCHAR)
                .addValue("external_account_id", s.externalAccountId(), Types.VARCHAR)
                .addValue("revenue", s.revenue(), Types.NUMERIC)
                .addValue("account_tier", profile.accountTier(), Types.VARCHAR)
                .addValue("assigned_csm", profile.assignedCsm(), Types.VARCHAR)
                .addValue("csm_manager", profile.csmManager(), Types.VARCHAR)
                .addValue("account_owner", profile.accountOwner(), Types.VARCHAR)
                .addValue("lifecycle_stage", profile.lifecycleStage(), Types.VARCHAR)
                .addValue("onboarding_status", profile.onboardingStatus(), Types.VARCHAR)
                .addValue("last_qbr_date", profile.lastQbrDate() == null ? null : Date.valueOf(profile.lastQbrDate()),
                        Types.DATE)
                .addValue("next_qbr_date", profile.nextQbrDate() == null ? null : Date.valueOf(profile.nextQbrDate()),
                        Types.DATE)
                .addValue("engagement_score", profile.engagementScore(), Types.NUMERIC)
                .addValue("primary_champion", profile.primaryChampion(), Types.VARCHAR)
                .addValue("champion_status", profile.championStatus(), Types.VARCHAR)
                .addValue("stakeholder_count", profile.stakeholderCount(), Types.INTEGER)
                .addValue("products_used", SnapshotJson.list(s.productsUsed()))
                .addValue("product_count", s.productCount())
                .addValue("primary_product", s.primaryProduct(), Types.VARCHAR)
                .addValue("overall_health_score", health.overall(), Types.NUMERIC)
                .addValue("product_usage_score", health.productUsage(), Types.NUMERIC)
                .addValue("support_score", health.support(), Types.NUMERIC)
                .addValue("customer_sentiment_score", health.customerSentiment(), Types.NUMERIC)
                .addValue("business_outcomes_score", health.businessOutcomes(), Types.NUMERIC)
                .addValue("relationship_strength_score", health.relationshipStrength(), Types.NUMERIC)
                .addValue("health_score_source", health.source())
                .addValue("total_kpis", kpis.total())
                .addValue("account_level_kpis", kpis.accountLevel())
                .addValue("product_level_kpis", kpis.productLevel())
                .addValue("critical_kpis_count", kpis.critical())
                .addValue("at_risk_kpis_count", kpis.atRisk())
                .addValue("healthy_kpis_count", kpis.healthy())
                .addValue("unscored_kpis_count", kpis.unscored())
                .addValue("top_critical_kpis", SnapshotJson.topCriticalKpis(kpis.topCritical()))
                .addValue("playbooks_running", SnapshotJson.list(playbooks.running()))
                .addValue("playbooks_running_count", playbooks.runningCount())
                .addValue("playbooks_completed_count", playbooks.completedCount())
                .addValue("playbooks_completed_last_30_days", playbooks.completedLast30Days())
                .addValue("last_playbook_executed", SnapshotJson.lastPlaybook(playbooks.lastExecuted()), Types.VARCHAR)
                .addValue("playbook_recommendations_active", SnapshotJson.list(playbooks.recommendationsActive()))
                .addValue("recent_playbook_report_ids", SnapshotJson.list(s.recentPlaybookReportIds()))
                .addValue("recent_csm_note_ids", SnapshotJson.list(s.recentCsmNoteIds()))
                .addValue("snapshot_sequence_number", change.sequenceNumber())
                .addValue("days_since_last_snapshot", change.daysSinceLastSnapshot(), Types.INTEGER)
                .addValue("health_score_change_from_last", change.healthScoreChange(), Types.NUMERIC)
                .addValue("revenue_change_from_last", change.revenueChange(), Types.NUMERIC)
                .addValue("revenue_change_percent", change.revenueChangePercent(), Types.NUMERIC)
                .addValue("health_score_trend", change.healthScoreTrend())
                .addValue("is_significant_change", change.significantChange());
    }
}
