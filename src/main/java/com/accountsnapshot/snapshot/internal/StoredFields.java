package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.snapshot.TrackedFields;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;

/**
 * The tracked fields of a stored {@code account_snapshots} row, read from its columns, each as the JSON
 * {@code to_jsonb} makes of the column's value: text as a string, numeric as a number in its stored scale,
 * integer as a number, date as its ISO text, jsonb as its JSON, SQL null as JSON null.
 */
final class StoredFields {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** How a tracked column's value becomes its JSON. */
    private enum Kind {
        TEXT, NUMERIC, INTEGER, JSONB
    }

    private final int first;

    /** Each tracked column's kind, from the first row's metadata: every row of a query has the same columns. */
    private Kind @Nullable [] kinds;

    /** Reads the tracked columns at {@code first} and after, in {@link TrackedFields#NAMES} order. */
    StoredFields(int first) {
        this.first = first;
    }

    /** The current row's tracked fields, by name. */
    Map<String, JsonNode> read(ResultSet rs) throws SQLException {
        Kind[] columns = kinds;
        if (columns == null) {
            columns = kinds(rs.getMetaData());
            kinds = columns;
        }
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        int column = first;
        for (int i = 0; i < columns.length; i++, column++) {
            fields.put(TrackedFields.NAMES.get(i), value(rs, columns[i], column));
        }
        return fields;
    }

    private Kind[] kinds(ResultSetMetaData metaData) throws SQLException {
        Kind[] columns = new Kind[TrackedFields.NAMES.size()];
        for (int i = 0; i < columns.length; i++) {
            int column = first + i;
            columns[i] = switch (metaData.getColumnType(column)) {
                case Types.VARCHAR, Types.CHAR, Types.DATE -> Kind.TEXT;
                case Types.NUMERIC -> Kind.NUMERIC;
                case Types.INTEGER -> Kind.INTEGER;
                default -> {
                    if (!"jsonb".equals(metaData.getColumnTypeName(column))) {
                        throw new IllegalStateException("tracked column " + metaData.getColumnLabel(column)
                                + " has type " + metaData.getColumnTypeName(column)
                                + ", which has no stored JSON form here");
                    }
                    yield Kind.JSONB;
                }
            };
        }
        return columns;
    }

    private static JsonNode value(ResultSet rs, Kind kind, int column) throws SQLException {
        switch (kind) {
            case TEXT -> {
                String text = rs.getString(column);
                return text == null ? NullNode.getInstance() : NODES.stringNode(text);
            }
            case NUMERIC -> {
                BigDecimal number = rs.getBigDecimal(column);
                return number == null ? NullNode.getInstance() : NODES.numberNode(number);
            }
            case INTEGER -> {
                int number = rs.getInt(column);
                return rs.wasNull() ? NullNode.getInstance() : NODES.numberNode(number);
            }
            default -> {
                String json = rs.getString(column);
                return json == null ? NullNode.getInstance() : SnapshotJson.read(json);
            }
        }
    }
}
