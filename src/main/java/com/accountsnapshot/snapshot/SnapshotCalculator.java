package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Calculates one account's snapshot from its gathered source rows (docs/snapshot-fields.md), or decides it is not taken
 * (cooldown, out of order). Pure and stateless: no clock, no I/O; one instance may serve every thread.
 */
public final class SnapshotCalculator {

    public SnapshotOutcome calculate(AccountContext context, SnapshotRun run) {
        PreviousSnapshot latest = context.latestSnapshot();
        if (latest != null && context.hasSnapshotAfter(run.asOf())) {
            return SnapshotOutcome.filtered(List.of(SnapshotIssue.skipped("snapshot_timestamp",
                    "out of order: the account's latest snapshot (" + latest.snapshotTimestamp()
                            + ") is later than asOf (" + run.asOf() + "); not snapshotted, even with force",
                    latest.snapshotTimestamp().toString())));
        }
        if (latest != null && !run.force()
                && Duration.between(latest.snapshotTimestamp(), run.asOf()).compareTo(run.cooldown()) < 0) {
            return SnapshotOutcome.filtered(List.of());
        }
        return SnapshotOutcome.written(snapshot(context, run));
    }

    private static AccountSnapshot snapshot(AccountContext context, SnapshotRun run) {
        Account account = context.account();
        List<SnapshotIssue> warnings = new ArrayList<>();

        ProfileMetadata metadata = ProfileMetadata.parse(account.profileMetadata(), warnings);
        ProfileFields profile = metadata.fields(warnings);
        List<String> productsUsed = productNames(context.products());
        if (productsUsed.isEmpty()) {
            productsUsed = metadata.productsUsed(warnings);
        }

        // a platform schema may hold more than our numeric(15,2) and numeric(5,2) columns do
        BigDecimal revenue = ColumnLimits.fitting(rounded(account.revenue()), ColumnLimits.MONEY, "revenue",
                "numeric(15,2)", warnings);
        HealthScoreEngine.Assessment kpis = HealthScoreEngine.assess(context.kpis(), run.kpiRanges());
        HealthScores health = health(context.latestTrend(), kpis.proxy(), warnings);
        PlaybookSummary playbooks = PlaybookSummarizer.summarize(context.playbookExecutions(),
                context.activeTriggerTypes(), run.asOf());
        ChangeSummary change = ChangeDetector.detect(account, revenue, health.overall(), context.previousSnapshots(),
                run.asOf(), warnings);

        AccountSnapshot snapshot = new AccountSnapshot(account.accountId(), account.customerId(), run.asOf(),
                run.type(), run.reason(), run.triggerEvent(), account.accountName(), account.accountStatus(),
                account.industry(), account.region(), account.externalAccountId(), revenue, profile, productsUsed,
                productsUsed.isEmpty() ? null : productsUsed.get(0), health, kpis.summary(), playbooks,
                List.copyOf(context.recentReportIds()), List.copyOf(context.recentNoteIds()), change, null,
                List.copyOf(warnings));
        PreviousSnapshot latest = context.latestSnapshot();
        return latest == null ? snapshot : snapshot.withChangedFields(
                TrackedFields.changes(latest.storedFields(), TrackedFields.of(snapshot)));
    }

    /** Distinct product names, each in the position of its smallest product_id. */
    private static List<String> productNames(List<Product> products) {
        Set<String> names = new LinkedHashSet<>();
        products.stream()
                .sorted(Comparator.comparingLong(Product::productId))
                .forEach(product -> names.add(product.productName()));
        return List.copyOf(names);
    }

    /**
     * The latest health trend when it has an overall score, else the KPI proxy (which may be {@code none}). A
     * trend score too large for numeric(5,2) is null with a warning; the others are still copied.
     */
    private static HealthScores health(@Nullable HealthTrend trend, HealthScores proxy, List<SnapshotIssue> warnings) {
        if (trend == null || trend.overallHealthScore() == null) {
            return proxy;
        }
        return new HealthScores(score(trend.overallHealthScore(), "overall_health_score", warnings),
                score(trend.productUsageScore(), "product_usage_score", warnings),
                score(trend.supportScore(), "support_score", warnings),
                score(trend.customerSentimentScore(), "customer_sentiment_score", warnings),
                score(trend.businessOutcomesScore(), "business_outcomes_score", warnings),
                score(trend.relationshipStrengthScore(), "relationship_strength_score", warnings),
                HealthScores.SOURCE_HEALTH_TREND);
    }

    private static @Nullable BigDecimal score(@Nullable BigDecimal score, String field, List<SnapshotIssue> warnings) {
        return ColumnLimits.fitting(rounded(score), ColumnLimits.SCORE, field, "numeric(5,2)", warnings);
    }

    private static @Nullable BigDecimal rounded(@Nullable BigDecimal value) {
        return (value == null) ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
