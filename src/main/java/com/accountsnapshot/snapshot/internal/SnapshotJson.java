package com.accountsnapshot.snapshot.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text of the snapshot's jsonb columns, with the keys SPEC §4 names. */
final class SnapshotJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SnapshotJson() {
    }

    static String list(List<?> values) {
        return JSON.writeValueAsString(values);
    }

    static String topCriticalKpis(List<TopCriticalKpi> kpis) {
        return JSON.writeValueAsString(kpis.stream().map(kpi -> {
            Map<String, @Nullable Object> entry = new LinkedHashMap<>();
            entry.put("kpi_id", kpi.kpiId());
            entry.put("kpi_parameter", kpi.kpiParameter());
            entry.put("category", kpi.category());
            entry.put("product_id", kpi.productId());
            entry.put("value", kpi.value());
            entry.put("impact_level", kpi.impactLevel());
            return entry;
        }).toList());
    }

    static @Nullable String lastPlaybook(@Nullable LastPlaybook last) {
        if (last == null) {
            return null;
        }
        Map<String, @Nullable Object> entry = new LinkedHashMap<>();
        entry.put("playbook_id", last.playbookId());
        entry.put("started_at", last.startedAt().toString());
        return JSON.writeValueAsString(entry);
    }
}
