package com.accountsnapshot.snapshot.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.snapshot.TrackedFields;
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

    private StoredFields() {
    }

    /** The tracked columns at {@code first} and after, in {@link TrackedFields#NAMES} order, by name. */
    static Map<String, JsonNode> read(ResultSet rs, int first) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        int column = first;
        for (String name : TrackedFields.NAMES) {
            fields.put(name, value(rs, columns, column++));
        }
        return fields;
    }

    private static JsonNode value(ResultSet rs, ResultSetMetaData columns, int column) throws SQLException {
        switch (columns.getColumnType(column)) {
            case Types.VARCHAR, Types.CHAR, Types.DATE -> {
                String text = rs.getString(column);
                return text == null ? NullNode.getInstance() : NODES.stringNode(text);
            }
            case Types.NUMERIC -> {
                BigDecimal number = rs.getBigDecimal(column);
                return number == null ? NullNode.getInstance() : NODES.numberNode(number);
            }
            case Types.INTEGER -> {
                int number = rs.getInt(column);
                return rs.wasNull() ? NullNode.getInstance() : NODES.numberNode(number);
            }
            default -> {
                if (!"jsonb".equals(columns.getColumnTypeName(column))) {
                    throw new IllegalStateException("tracked column " + columns.getColumnLabel(column) + " has type "
                            + columns.getColumnTypeName(column) + ", which has no stored JSON form here");
                }
                String json = rs.getString(column);
                return json == null ? NullNode.getInstance() : SnapshotJson.read(json);
            }
        }
    }
}
