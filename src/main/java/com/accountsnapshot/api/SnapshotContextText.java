package com.accountsnapshot.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * A {@link SnapshotContext} as the plain-text block an assistant puts in its prompt: one line per group of
 * fields, then the notes and reports, one line each. A value that is not known reads {@code unknown}.
 */
final class SnapshotContextText {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String UNKNOWN = "unknown";

    private SnapshotContextText() {
    }

    static String render(SnapshotContext context) {
        Map<String, @Nullable Object> s = context.snapshot();
        List<String> lines = new ArrayList<>();
        lines.add("Account snapshot " + v(s, "snapshot_id") + " of account " + v(s, "account_id") + " \""
                + v(s, "account_name") + "\" (customer " + v(s, "customer_id") + "), as of "
                + v(s, "snapshot_timestamp") + ", type " + v(s, "snapshot_type") + ", sequence "
                + v(s, "snapshot_sequence_number"));
        lines.add("Account: status " + v(s, "account_status") + ", revenue " + v(s, "revenue") + ", tier "
                + v(s, "account_tier") + ", industry " + v(s, "industry") + ", region " + v(s, "region")
                + ", lifecycle stage " + v(s, "lifecycle_stage") + ", engagement score " + v(s, "engagement_score"));
        lines.add("People: CSM " + v(s, "assigned_csm") + ", CSM manager " + v(s, "csm_manager") + ", owner "
                + v(s, "account_owner") + ", primary champion " + v(s, "primary_champion") + " ("
                + v(s, "champion_status") + "), " + v(s, "stakeholder_count") + " stakeholders; last QBR "
                + v(s, "last_qbr_date") + ", next QBR " + v(s, "next_qbr_date"));
        lines.add("Health: overall " + v(s, "overall_health_score") + " (source " + v(s, "health_score_source")
                + ", trend " + v(s, "health_score_trend") + "); product usage " + v(s, "product_usage_score")
                + ", support " + v(s, "support_score") + ", customer sentiment " + v(s, "customer_sentiment_score")
                + ", business outcomes " + v(s, "business_outcomes_score") + ", relationship strength "
                + v(s, "relationship_strength_score"));
        lines.add("Products: " + list(s, "products_used"));
        lines.add("KPIs: " + v(s, "total_kpis") + " (" + v(s, "critical_kpis_count") + " critical, "
                + v(s, "at_risk_kpis_count") + " at risk, " + v(s, "healthy_kpis_count") + " healthy, "
                + v(s, "unscored_kpis_count") + " unscored)");
        lines.add("Playbooks: " + v(s, "playbooks_running_count") + " running (" + list(s, "playbooks_running")
                + "), " + v(s, "playbooks_completed_count") + " completed, " + v(s, "playbooks_completed_last_30_days")
                + " in the last 30 days; active recommendations: " + list(s, "playbook_recommendations_active"));
        lines.add(change(s));
        lines.add("Recent notes (" + context.notes().size() + "):");
        context.notes().forEach(note -> lines.add("- " + note.noteType() + ", " + note.createdAt() + ": "
                + note.content().replaceAll("\\s+", " ").strip()));
        lines.add("Recent playbook reports (" + context.reports().size() + "):");
        context.reports().forEach(report -> lines.add("- " + report.playbookName() + ", "
                + report.reportGeneratedAt()));
        return String.join("\n", lines) + "\n";
    }

    private static String change(Map<String, @Nullable Object> s) {
        if (s.get("previous_snapshot_id") == null) {
            return "Change: first snapshot of the account";
        }
        JsonNode changed = json(s, "changed_fields");
        String fields = changed == null || changed.isEmpty() ? "none"
                : String.join(", ", changed.propertyNames());
        return "Change since the previous snapshot (" + v(s, "days_since_last_snapshot") + " days): health "
                + signed(s, "health_score_change_from_last") + ", revenue " + signed(s, "revenue_change_from_last")
                + " (" + signed(s, "revenue_change_percent") + "%), significant "
                + (Boolean.TRUE.equals(s.get("is_significant_change")) ? "yes" : "no") + "; changed fields: "
                + fields;
    }

    private static String v(Map<String, @Nullable Object> s, String column) {
        Object value = s.get(column);
        if (value == null) {
            return UNKNOWN;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private static String signed(Map<String, @Nullable Object> s, String column) {
        return s.get(column) instanceof BigDecimal decimal && decimal.signum() > 0 ? "+" + decimal.toPlainString()
                : v(s, column);
    }

    /** A JSON array column as a comma list of its items ({@code none} when empty). */
    private static String list(Map<String, @Nullable Object> s, String column) {
        JsonNode array = json(s, column);
        if (array == null) {
            return UNKNOWN;
        }
        if (array.isEmpty()) {
            return "none";
        }
        return array.valueStream().map(JsonNode::asString).collect(Collectors.joining(", "));
    }

    private static @Nullable JsonNode json(Map<String, @Nullable Object> s, String column) {
        return s.get(column) instanceof RawValue raw ? JSON.readTree(String.valueOf(raw.rawValue())) : null;
    }
}
