package com.accountsnapshot.console;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.accountsnapshot.snapshot.FieldChange;
import com.accountsnapshot.snapshot.TrackedFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * Two snapshots of an account side by side: every tracked field (the fields {@code changed_fields} follows) with
 * both values, those that differ marked, compared as the snapshot job compares them.
 */
record SnapshotComparison(Side left, Side right, List<Row> rows, List<String> differing) {

    /** A compared snapshot's identity. */
    record Side(long snapshotId, int sequence, String timestamp, String type) {

        static Side of(Map<String, JsonNode> snapshot) {
            return new Side(snapshot.get("snapshot_id").longValue(), snapshot.get("snapshot_sequence_number").intValue(),
                    SnapshotValues.text(snapshot.get("snapshot_timestamp")),
                    SnapshotValues.text(snapshot.get("snapshot_type")));
        }
    }

    record Row(String field, String label, String left, String right, boolean differs) {
    }

    static SnapshotComparison of(Map<String, JsonNode> left, Map<String, JsonNode> right) {
        Map<String, JsonNode> leftTracked = tracked(left);
        Map<String, JsonNode> rightTracked = tracked(right);
        Set<String> differing = TrackedFields.changes(leftTracked, rightTracked).stream().map(FieldChange::field)
                .collect(Collectors.toSet());
        List<Row> rows = TrackedFields.NAMES.stream().map(field -> new Row(field, SnapshotValues.label(field),
                SnapshotValues.text(leftTracked.get(field)), SnapshotValues.text(rightTracked.get(field)),
                differing.contains(field))).toList();
        return new SnapshotComparison(Side.of(left), Side.of(right), rows,
                rows.stream().filter(Row::differs).map(Row::field).toList());
    }

    private static Map<String, JsonNode> tracked(Map<String, JsonNode> snapshot) {
        return TrackedFields.NAMES.stream().collect(Collectors.toMap(field -> field,
                field -> snapshot.getOrDefault(field, NullNode.getInstance()), (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
