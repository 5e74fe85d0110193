package com.accountsnapshot.api.internal;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.util.RawValue;

import org.springframework.jdbc.core.RowMapper;

/**
 * An account_snapshots row as a JSON object, every column in table order under its own name: jsonb columns
 * embedded as the JSON PostgreSQL holds, timestamps as ISO-8601 UTC instants, dates as {@code YYYY-MM-DD},
 * numerics as {@link java.math.BigDecimal} (written as JSON numbers with their scale, {@code 1000.00}).
 */
class SnapshotRowMapper implements RowMapper<Map<String, @Nullable Object>> {

    @Override
    public Map<String, @Nullable Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.put(columns.getColumnName(i), value(rs, i, columns.getColumnTypeName(i)));
        }
        return row;
    }

    private static @Nullable Object value(ResultSet rs, int column, String type) throws SQLException {
        return switch (type) {
            case "jsonb", "json" -> {
                String json = rs.getString(column);
                yield json == null ? null : new RawValue(json);
            }
            case "timestamptz" -> {
                OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
                yield time == null ? null : time.toInstant().toString();
            }
            case "date" -> {
                LocalDate date = rs.getObject(column, LocalDate.class);
                yield date == null ? null : date.toString();
            }
            default -> rs.getObject(column);
        };
    }
}
