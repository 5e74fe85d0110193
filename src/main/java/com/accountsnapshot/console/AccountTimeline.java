package com.accountsnapshot.console;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.accountsnapshot.console.internal.JdbcAccountViews.TimelineRow;
import com.accountsnapshot.snapshot.TrackedFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An account's snapshots as its page shows them: each with its readable changes and its markers (the account's
 * status changed since the snapshot before it, or the change was significant), and the chart series, one point
 * per snapshot, as the JSON the page's script draws.
 */
record AccountTimeline(List<Entry> entries, String chartJson) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One readable change: "Revenue: 100.00 → 120.00". */
    record Change(String field, String label, String from, String to) {
    }

    /**
     * @param statusChanged account_status differs from the snapshot before it (false for the first one shown)
     * @param changes the snapshot's changed_fields, in their order; empty on an account's first snapshot
     * @param firstSnapshot changed_fields is null: nothing to compare with
     */
    record Entry(TimelineRow row, boolean statusChanged, List<Change> changes, boolean firstSnapshot) {

        public boolean marked() {
            return statusChanged || row.significantChange();
        }
    }

    static AccountTimeline of(List<TimelineRow> rows) {
        List<Entry> entries = new ArrayList<>();
        TimelineRow previous = null;
        for (TimelineRow row : rows) {
            boolean statusChanged = previous != null && !Objects.equals(previous.accountStatus(), row.accountStatus());
            entries.add(new Entry(row, statusChanged, changes(row.changedFields()), row.changedFields() == null));
            previous = row;
        }
        return new AccountTimeline(List.copyOf(entries), chart(entries));
    }

    private static List<Change> changes(@Nullable JsonNode changedFields) {
        List<Change> changes = new ArrayList<>();
        if (changedFields == null || !changedFields.isObject()) {
            return changes;
        }
        // jsonb keeps an object's keys in its own order: show them in column order
        List<String> fields = new ArrayList<>(TrackedFields.NAMES.stream().filter(changedFields::has).toList());
        changedFields.propertyNames().stream().filter(field -> !fields.contains(field)).forEach(fields::add);
        for (String field : fields) {
            JsonNode change = changedFields.get(field);
            changes.add(new Change(field, SnapshotValues.label(field), SnapshotValues.text(change.get("from")),
                    SnapshotValues.text(change.get("to"))));
        }
        return changes;
    }

    /** labels, the six score series and revenue (null where unknown), and the markers, one entry per snapshot. */
    private static String chart(List<Entry> entries) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", entries.stream().map(e -> e.row().timestamp().toString()).toList());
        chart.put("snapshotIds", entries.stream().map(e -> e.row().snapshotId()).toList());
        Map<String, List<@Nullable BigDecimal>> scores = new LinkedHashMap<>();
        scores.put("Overall", entries.stream().map(e -> e.row().overall()).toList());
        scores.put("Product usage", entries.stream().map(e -> e.row().productUsage()).toList());
        scores.put("Support", entries.stream().map(e -> e.row().support()).toList());
        scores.put("Customer sentiment", entries.stream().map(e -> e.row().customerSentiment()).toList());
        scores.put("Business outcomes", entries.stream().map(e -> e.row().businessOutcomes()).toList());
        scores.put("Relationship strength", entries.stream().map(e -> e.row().relationshipStrength()).toList());
        chart.put("scores", scores);
        chart.put("revenue", entries.stream().map(e -> e.row().revenue()).toList());
        chart.put("statusChanged", entries.stream().map(Entry::statusChanged).toList());
        chart.put("significant", entries.stream().map(e -> e.row().significantChange()).toList());
        chart.put("status", entries.stream().map(e -> e.row().accountStatus() == null ? SnapshotValues.NONE
                : e.row().accountStatus()).toList());
        return JSON.writeValueAsString(chart);
    }
}
