package com.accountsnapshot.snapshot.internal;

import java.util.List;

import com.accountsnapshot.snapshot.FieldChange;
import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import com.accountsnapshot.snapshot.TrackedFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON text of the snapshot's jsonb columns, with the keys docs/snapshot-fields.md names. The lists and the
 * two small objects are written straight into a {@code StringBuilder} (strings escaped by Jackson's encoder):
 * through the {@code ObjectMapper}, building them was about an eighth of the job's JVM time on a million accounts.
 * The changed fields, written only when there is a previous snapshot, go through the mapper.
 */
final class SnapshotJson {

    /** Reads decimals as exact BigDecimals in their written scale, as jsonb gives them. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private SnapshotJson() {
    }

    /** A list of texts (a null one as JSON null) or of whole numbers, as a JSON array. */
    static String list(List<?> values) {
        StringBuilder json = new StringBuilder(2 + 16 * values.size()).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Object value = values.get(i);
            if (value == null || value instanceof String) {
                text(json, (String) value);
            }
            else if (value instanceof Long || value instanceof Integer) {
                json.append(value);
            }
            else {
                throw new IllegalArgumentException("no JSON form here for a " + value.getClass().getName());
            }
        }
        return json.append(']').toString();
    }

    /** The {@code top_critical_kpis} value, with the members of {@link TrackedFields#topCriticalKpis}. */
    static String topCriticalKpis(List<TopCriticalKpi> kpis) {
        StringBuilder json = new StringBuilder(2 + 160 * kpis.size()).append('[');
        for (int i = 0; i < kpis.size(); i++) {
            TopCriticalKpi kpi = kpis.get(i);
            json.append(i > 0 ? ",{" : "{").append("\"kpi_id\":").append(kpi.kpiId());
            text(json.append(",\"kpi_parameter\":"), kpi.kpiParameter());
            text(json.append(",\"category\":"), kpi.category());
            json.append(",\"product_id\":").append(kpi.productId() == null ? "null" : kpi.productId().toString());
            text(json.append(",\"value\":"), kpi.value());
            text(json.append(",\"impact_level\":"), kpi.impactLevel());
            json.append('}');
        }
        return json.append(']').toString();
    }

    /** The {@code last_playbook_executed} value, with the members of {@link TrackedFields#lastPlaybook}. */
    static @Nullable String lastPlaybook(@Nullable LastPlaybook last) {
        if (last == null) {
            return null;
        }
        StringBuilder json = new StringBuilder(80).append("{\"playbook_id\":");
        text(json, last.playbookId());
        text(json.append(",\"started_at\":"), last.startedAt().toString());
        return json.append('}').toString();
    }

    /** A JSON string, escaped as Jackson escapes it, or JSON null. */
    private static void text(StringBuilder json, @Nullable String value) {
        if (value == null) {
            json.append("null");
            return;
        }
        json.append('"');
        STRINGS.quoteAsString(value, json);
        json.append('"');
    }

    /** {@code {field: {"from": ..., "to": ...}}} in the order given, or null when there is no previous snapshot. */
    static @Nullable String changedFields(@Nullable List<FieldChange> changes) {
        if (changes == null) {
            return null;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (FieldChange change : changes) {
            ObjectNode entry = object.putObject(change.field());
            entry.set("from", change.from());
            entry.set("to", change.to());
        }
        return JSON.writeValueAsString(object);
    }

    /** A JSON object's members, decimals exact; the text of a jsonb value. */
    static JsonNode read(String json) {
        return JSON.readTree(json);
    }
}
