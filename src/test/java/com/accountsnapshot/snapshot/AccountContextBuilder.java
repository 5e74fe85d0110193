package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/** Small fixtures for calculator tests: an account with no related rows unless a test adds them. */
final class AccountContextBuilder {

    static final Instant AS_OF = Instant.parse("2025-06-15T02:00:00Z");

    private long accountId = 42;
    private long customerId = 7;
    private String accountName = "Acme Corp";
    private @Nullable BigDecimal revenue;
    private @Nullable String accountStatus = "active";
    private @Nullable String profileMetadata;
    private final List<Product> products = new ArrayList<>();
    private final List<Kpi> kpis = new ArrayList<>();
    private @Nullable HealthTrend latestTrend;
    private final List<PlaybookExecution> executions = new ArrayList<>();
    private final List<String> activeTriggerTypes = new ArrayList<>();
    private final List<Long> reportIds = new ArrayList<>();
    private final List<Long> noteIds = new ArrayList<>();
    private final List<PreviousSnapshot> previousSnapshots = new ArrayList<>();

    static AccountContextBuilder anAccount() {
        return new AccountContextBuilder();
    }

    AccountContextBuilder accountId(long id) {
        this.accountId = id;
        return this;
    }

    AccountContextBuilder revenue(@Nullable String revenue) {
        this.revenue = (revenue == null) ? null : new BigDecimal(revenue);
        return this;
    }

    AccountContextBuilder status(@Nullable String status) {
        this.accountStatus = status;
        return this;
    }

    AccountContextBuilder profileMetadata(@Nullable String json) {
        this.profileMetadata = json;
        return this;
    }

    AccountContextBuilder product(long productId, String name) {
        products.add(new Product(productId, name));
        return this;
    }

    AccountContextBuilder kpi(Kpi kpi) {
        kpis.add(kpi);
        return this;
    }

    AccountContextBuilder trend(HealthTrend trend) {
        this.latestTrend = trend;
        return this;
    }

    AccountContextBuilder execution(PlaybookExecution execution) {
        executions.add(execution);
        return this;
    }

    AccountContextBuilder activeTriggers(String... types) {
        activeTriggerTypes.addAll(Arrays.asList(types));
        return this;
    }

    AccountContextBuilder reports(Long... ids) {
        reportIds.addAll(List.of(ids));
        return this;
    }

    AccountContextBuilder notes(Long... ids) {
        noteIds.addAll(List.of(ids));
        return this;
    }

    /** Adds an earlier snapshot; add the newest (greatest sequence number) first. */
    AccountContextBuilder previous(PreviousSnapshot snapshot) {
        previousSnapshots.add(snapshot);
        return this;
    }

    AccountContext build() {
        Account account = new Account(accountId, customerId, accountName, revenue, accountStatus, "Software",
                "EMEA", "EXT-" + accountId, profileMetadata);
        return new AccountContext(account, products, kpis, latestTrend, executions, activeTriggerTypes, reportIds,
                noteIds, previousSnapshots);
    }

    // ---- row fixtures

    static Kpi kpi(long kpiId, @Nullable String category, @Nullable String data, @Nullable String impactLevel) {
        return new Kpi(kpiId, null, category, "Metric " + kpiId, data, impactLevel);
    }

    static Kpi kpi(long kpiId, String kpiParameter, @Nullable String data) {
        return new Kpi(kpiId, null, "Support", kpiParameter, data, "medium");
    }

    static Kpi productKpi(long kpiId, long productId, @Nullable String data) {
        return new Kpi(kpiId, productId, "Product Usage", "Metric " + kpiId, data, "low");
    }

    /** An earlier snapshot whose stored tracked fields are the three given; the others read as null. */
    static PreviousSnapshot previousSnapshot(long id, int sequence, String timestamp, @Nullable String overall,
            @Nullable String revenue, @Nullable String status) {
        Map<String, JsonNode> stored = new LinkedHashMap<>();
        stored.put("account_status", status == null ? NullNode.getInstance() : JsonNodeFactory.instance.stringNode(status));
        stored.put("revenue", revenue == null ? NullNode.getInstance() : JsonNodeFactory.instance.numberNode(decimal(revenue)));
        stored.put("overall_health_score",
                overall == null ? NullNode.getInstance() : JsonNodeFactory.instance.numberNode(decimal(overall)));
        return previousSnapshot(id, sequence, timestamp, overall, revenue, status, stored);
    }

    static PreviousSnapshot previousSnapshot(long id, int sequence, String timestamp, @Nullable String overall,
            @Nullable String revenue, @Nullable String status, Map<String, JsonNode> storedFields) {
        return new PreviousSnapshot(id, sequence, Instant.parse(timestamp), decimal(overall), decimal(revenue),
                status, storedFields);
    }

    static PlaybookExecution execution(long id, @Nullable String playbookId, @Nullable String status,
            String startedAt, @Nullable String completedAt) {
        return new PlaybookExecution(id, playbookId, status, Instant.parse(startedAt),
                (completedAt == null) ? null : Instant.parse(completedAt));
    }

    static HealthTrend healthTrend(@Nullable String overall, @Nullable String productUsage, @Nullable String support,
            @Nullable String sentiment, @Nullable String outcomes, @Nullable String relationship) {
        return new HealthTrend(2025, 5, decimal(overall), decimal(productUsage), decimal(support), decimal(sentiment),
                decimal(outcomes), decimal(relationship));
    }

    static SnapshotRun manualRun() {
        return new SnapshotRun(AS_OF, SnapshotType.MANUAL, null, null, false, Duration.ZERO,
                KpiReferenceRanges.none());
    }

    static SnapshotRun run(SnapshotType type, Duration cooldown, boolean force) {
        return new SnapshotRun(AS_OF, type, "test reason", "test-trigger", force, cooldown,
                KpiReferenceRanges.none());
    }

    static @Nullable BigDecimal decimal(@Nullable String value) {
        return (value == null) ? null : new BigDecimal(value);
    }
}
