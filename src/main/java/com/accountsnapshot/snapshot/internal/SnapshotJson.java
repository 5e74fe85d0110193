package com.accountsnapshot.snapshot.internal;

import java.util.List;

import com.accountsnapshot.snapshot.FieldChange;
import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import com.accountsnapshot.snapshot.TrackedFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The JSON text of the snapshot's jsonb columns, with the keys docs/snapshot-fields.md names. */
final class SnapshotJson {

    /** Reads decimals as exact BigDecimals in their written scale, as jsonb gives them. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private SnapshotJson() {
    }

    static String list(List<?> values) {
        return JSON.writeValueAsString(values);
    }

    static String topCriticalKpis(List<TopCriticalKpi> kpis) {
        return JSON.writeValueAsString(TrackedFields.topCriticalKpis(kpis));
    }

    static @Nullable String lastPlaybook(@Nullable LastPlaybook last) {
        return last == null ? null : JSON.writeValueAsString(TrackedFields.lastPlaybook(last));
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
