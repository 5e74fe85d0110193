package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code kpi_reference_ranges} table, looked up by KPI name trimmed and case-insensitive (docs/snapshot-fields.md#kpi-health-rules).
 * A name with no row gets the default range: higher is better, critical at 50, healthy at 81.
 */
public final class KpiReferenceRanges {

    static final KpiReferenceRange DEFAULT_RANGE =
            new KpiReferenceRange("", true, new BigDecimal("50"), new BigDecimal("81"));

    private final Map<String, KpiReferenceRange> byName = new HashMap<>();

    /** The range of each kpi_parameter spelling already looked up: KPI names repeat across accounts. */
    private final Map<String, KpiReferenceRange> byParameter = new ConcurrentHashMap<>();

    public KpiReferenceRanges(Collection<KpiReferenceRange> ranges) {
        for (KpiReferenceRange range : ranges) {
            byName.putIfAbsent(key(range.kpiName()), range);
        }
    }

    public static KpiReferenceRanges none() {
        return new KpiReferenceRanges(java.util.List.of());
    }

    public KpiReferenceRange forKpi(String kpiParameter) {
        return byParameter.computeIfAbsent(kpiParameter, parameter -> byName.getOrDefault(key(parameter),
                DEFAULT_RANGE));
    }

    private static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
