package com.accountsnapshot.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Snapshot columns and their stored JSON values as people read them: "Critical KPIs count", "a, b", "—". */
final class SnapshotValues {

    /** Words shown in capitals in a column's label. */
    private static final Map<String, String> WORDS = Map.of("kpis", "KPIs", "kpi", "KPI", "csm", "CSM", "qbr", "QBR",
            "id", "ID", "ids", "IDs");

    static final String NONE = "—";

    private SnapshotValues() {
    }

    /** {@code account_status} as "Account status", {@code recent_csm_note_ids} as "Recent CSM note IDs". */
    static String label(String column) {
        List<String> words = new ArrayList<>();
        for (String word : column.split("_")) {
            words.add(WORDS.getOrDefault(word, word));
        }
        String label = String.join(" ", words);
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    /** A stored value: null as "—", text as itself, a list of plain values joined by commas, objects as JSON. */
    static String text(@Nullable JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return NONE;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().toPlainString();
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return "none";
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (item.isContainer()) {
                    return value.toString();
                }
                items.add(text(item));
            }
            return String.join(", ", items);
        }
        return value.toString();
    }
}
