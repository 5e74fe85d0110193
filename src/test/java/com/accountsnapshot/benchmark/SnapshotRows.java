package com.accountsnapshot.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/** The snapshots one run wrote, by account, without the columns that identify the row or the run. */
record SnapshotRows(Map<Long, Map<String, Object>> byAccount) {

    private static final List<String> NOT_COMPARED = List.of("snapshot_id", "job_instance_id", "job_execution_id",
            "created_at");

    static SnapshotRows of(JdbcTemplate jdbc, long jobExecutionId) {
        Map<Long, Map<String, Object>> snapshots = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT * FROM account_snapshots WHERE job_execution_id = ? ORDER BY account_id", jobExecutionId)) {
            NOT_COMPARED.forEach(row::remove);
            snapshots.put((Long) row.get("account_id"), row);
        }
        return new SnapshotRows(snapshots);
    }

    /** Every account and column where {@code other} differs from these rows, as readable lines. */
    List<String> differencesFrom(SnapshotRows other, String otherName) {
        List<String> differences = new ArrayList<>();
        byAccount.forEach((accountId, row) -> {
            Map<String, Object> otherRow = other.byAccount.get(accountId);
            if (otherRow == null) {
                differences.add("account " + accountId + ": no snapshot by " + otherName);
                return;
            }
            row.forEach((column, value) -> {
                if (!Objects.equals(value, otherRow.get(column))) {
                    differences.add("account " + accountId + " " + column + ": job " + value + ", " + otherName + " "
                            + otherRow.get(column));
                }
            });
        });
        other.byAccount.keySet().stream().filter(id -> !byAccount.containsKey(id))
                .forEach(id -> differences.add("account " + id + ": snapshot by " + otherName + " only"));
        return differences;
    }

    int size() {
        return byAccount.size();
    }
}
