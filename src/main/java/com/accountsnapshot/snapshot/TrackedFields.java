package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The snapshot fields {@code changed_fields} tracks, in {@code account_snapshots} column order, each as the JSON
 * of its stored value: decimals as numbers in their stored scale, dates as {@code "YYYY-MM-DD"}, jsonb columns as
 * their JSON, null as a JSON null (see {@code docs/snapshot-fields.md}, "changed_fields").
 */
public final class TrackedFields {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Numbers equal when their values are (72.50 and 72.5); every other leaf by its own equality. */
    private static final Comparator<JsonNode> LEAVES = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private static final Map<String, Function<AccountSnapshot, JsonNode>> FIELDS = fields();

    /** The tracked column names, in table order. */
    public static final List<String> NAMES = List.copyOf(FIELDS.keySet());

    private TrackedFields() {
    }

    private static Map<String, Function<AccountSnapshot, JsonNode>> fields() {
        Map<String, Function<AccountSnapshot, JsonNode>> fields = new LinkedHashMap<>();
        fields.put("account_name", s -> text(s.accountName()));
        fields.put("account_status", s -> text(s.accountStatus()));
        fields.put("industry", s -> text(s.industry()));
        fields.put("region", s -> text(s.region()));
        fields.put("external_account_id", s -> text(s.externalAccountId()));
        fields.put("revenue", s -> decimal(s.revenue()));
        fields.put("account_tier", s -> text(s.profile().accountTier()));
        fields.put("assigned_csm", s -> text(s.profile().assignedCsm()));
        fields.put("csm_manager", s -> text(s.profile().csmManager()));
        fields.put("account_owner", s -> text(s.profile().accountOwner()));
        fields.put("lifecycle_stage", s -> text(s.profile().lifecycleStage()));
        fields.put("onboarding_status", s -> text(s.profile().onboardingStatus()));
        fields.put("last_qbr_date", s -> text(s.profile().lastQbrDate()));
        fields.put("next_qbr_date", s -> text(s.profile().nextQbrDate()));
        fields.put("engagement_score", s -> decimal(s.profile().engagementScore()));
        fields.put("primary_champion", s -> text(s.profile().primaryChampion()));
        fields.put("champion_status", s -> text(s.profile().championStatus()));
        fields.put("stakeholder_count", s -> integer(s.profile().stakeholderCount()));
        fields.put("products_used", s -> list(s.productsUsed()));
        fields.put("product_count", s -> integer(s.productCount()));
        fields.put("primary_product", s -> text(s.primaryProduct()));
        fields.put("overall_health_score", s -> decimal(s.health().overall()));
        fields.put("product_usage_score", s -> decimal(s.health().productUsage()));
        fields.put("support_score", s -> decimal(s.health().support()));
        fields.put("customer_sentiment_score", s -> decimal(s.health().customerSentiment()));
        fields.put("business_outcomes_score", s -> decimal(s.health().businessOutcomes()));
        fields.put("relationship_strength_score", s -> decimal(s.health().relationshipStrength()));
        fields.put("health_score_source", s -> text(s.health().source()));
        fields.put("total_kpis", s -> integer(s.kpis().total()));
        fields.put("account_level_kpis", s -> integer(s.kpis().accountLevel()));
        fields.put("product_level_kpis", s -> integer(s.kpis().productLevel()));
        fields.put("critical_kpis_count", s -> integer(s.kpis().critical()));
        fields.put("at_risk_kpis_count", s -> integer(s.kpis().atRisk()));
        fields.put("healthy_kpis_count", s -> integer(s.kpis().healthy()));
        fields.put("unscored_kpis_count", s -> integer(s.kpis().unscored()));
        fields.put("top_critical_kpis", s -> topCriticalKpis(s.kpis().topCritical()));
        fields.put("playbooks_running", s -> list(s.playbooks().running()));
        fields.put("playbooks_running_count", s -> integer(s.playbooks().runningCount()));
        fields.put("playbooks_completed_count", s -> integer(s.playbooks().completedCount()));
        fields.put("playbooks_completed_last_30_days", s -> integer(s.playbooks().completedLast30Days()));
        fields.put("last_playbook_executed", s -> lastPlaybook(s.playbooks().lastExecuted()));
        fields.put("playbook_recommendations_active", s -> list(s.playbooks().recommendationsActive()));
        fields.put("recent_playbook_report_ids", s -> list(s.recentPlaybookReportIds()));
        fields.put("recent_csm_note_ids", s -> list(s.recentCsmNoteIds()));
        return fields;
    }

    /** The snapshot's tracked fields, in column order, as they will be stored. */
    public static Map<String, JsonNode> of(AccountSnapshot snapshot) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        FIELDS.forEach((name, value) -> values.put(name, value.apply(snapshot)));
        return values;
    }

    /**
     * The tracked fields whose value differs from the previous snapshot's stored value, in column order:
     * numbers compared by value, JSON structurally (lists in order), strings exactly, null to a value a change.
     * A field missing from {@code previous} is read as null.
     */
    public static List<FieldChange> changes(Map<String, JsonNode> previous, Map<String, JsonNode> current) {
        List<FieldChange> changes = new ArrayList<>();
        current.forEach((name, to) -> {
            JsonNode from = previous.getOrDefault(name, NullNode.getInstance());
            if (!from.equals(LEAVES, to)) {
                changes.add(new FieldChange(name, from, to));
            }
        });
        return List.copyOf(changes);
    }

    /** The {@code top_critical_kpis} value: one object per KPI with the keys docs/snapshot-fields.md names. */
    public static ArrayNode topCriticalKpis(List<TopCriticalKpi> kpis) {
        ArrayNode array = NODES.arrayNode();
        for (TopCriticalKpi kpi : kpis) {
            ObjectNode entry = array.addObject();
            entry.put("kpi_id", kpi.kpiId());
            entry.put("kpi_parameter", kpi.kpiParameter());
            entry.put("category", kpi.category());
            entry.put("product_id", kpi.productId());
            entry.put("value", kpi.value());
            entry.put("impact_level", kpi.impactLevel());
        }
        return array;
    }

    /** The {@code last_playbook_executed} value, {@code started_at} as an ISO-8601 UTC instant. */
    public static JsonNode lastPlaybook(@Nullable LastPlaybook last) {
        if (last == null) {
            return NullNode.getInstance();
        }
        ObjectNode entry = NODES.objectNode();
        entry.put("playbook_id", last.playbookId());
        entry.put("started_at", last.startedAt().toString());
        return entry;
    }

    private static JsonNode list(Collection<?> values) {
        ArrayNode array = NODES.arrayNode();
        for (Object value : values) {
            if (value == null) {
                array.addNull();
            }
            else if (value instanceof Long id) {
                array.add(id);
            }
            else {
                array.add(value.toString());
            }
        }
        return array;
    }

    private static JsonNode text(@Nullable Object value) {
        return value == null ? NullNode.getInstance() : NODES.stringNode(value.toString());
    }

    private static JsonNode decimal(@Nullable BigDecimal value) {
        return value == null ? NullNode.getInstance() : NODES.numberNode(value);
    }

    private static JsonNode integer(@Nullable Integer value) {
        return value == null ? NullNode.getInstance() : NODES.numberNode(value);
    }
}
