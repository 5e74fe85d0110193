package com.accountsnapshot.snapshot.internal;

import com.accountsnapshot.snapshot.KpiReferenceRange;
import com.accountsnapshot.snapshot.KpiReferenceRanges;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads the {@code kpi_reference_ranges} table, once for a whole run (or partition) of a run. */
public final class JdbcKpiReferenceRanges {

    private static final String KPI_RANGES = """
            SELECT kpi_name, higher_is_better, critical_bound, healthy_bound
            FROM kpi_reference_ranges
            ORDER BY kpi_name""";

    private final JdbcTemplate jdbc;

    public JdbcKpiReferenceRanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public KpiReferenceRanges load() {
        return new KpiReferenceRanges(jdbc.query(KPI_RANGES, (rs, n) -> new KpiReferenceRange(rs.getString("kpi_name"),
                rs.getBoolean("higher_is_better"), rs.getBigDecimal("critical_bound"),
                rs.getBigDecimal("healthy_bound"))));
    }
}
