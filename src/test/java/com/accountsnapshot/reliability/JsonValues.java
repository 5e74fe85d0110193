package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reading JSON in the tests, without the product's code: a parser with room for whatever jsonb holds, and
 * a canonical text of a value (numbers by value, iterative so that nesting 9,000 deep is fine) to compare
 * a recorded raw value with the expected one whatever their spelling.
 */
final class JsonValues {

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(Integer.MAX_VALUE)
                            .maxNestingDepth(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build())
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonValues() {
    }

    static JsonNode read(String json) {
        return JSON.readTree(json);
    }

    /** The value's canonical text: keys in stored order, numbers as their value, strings quoted. */
    static String canonical(JsonNode root) {
        StringBuilder text = new StringBuilder();
        Deque<Object> work = new ArrayDeque<>();
        work.push(root);
        while (!work.isEmpty()) {
            Object next = work.pop();
            if (next instanceof String literal) {
                text.append(literal);
                continue;
            }
            JsonNode node = (JsonNode) next;
            if (node.isObject()) {
                text.append('{');
                Deque<Object> members = new ArrayDeque<>();
                Iterator<Map.Entry<String, JsonNode>> entries = node.properties().iterator();
                while (entries.hasNext()) {
                    Map.Entry<String, JsonNode> entry = entries.next();
                    members.add(quoted(entry.getKey()) + ":");
                    members.add(entry.getValue());
                    members.add(entries.hasNext() ? "," : "}");
                }
                if (members.isEmpty()) {
                    members.add("}");
                }
                members.descendingIterator().forEachRemaining(work::push);
            }
            else if (node.isArray()) {
                text.append('[');
                work.push("]");
                for (int i = node.size() - 1; i >= 0; i--) {
                    work.push(node.get(i));
                    if (i > 0) {
                        work.push(",");
                    }
                }
            }
            else if (node.isString()) {
                text.append(quoted(node.stringValue()));
            }
            else if (node.isNumber()) {
                text.append(number(node.decimalValue()));
            }
            else {
                text.append(node.toString());
            }
        }
        return text.toString();
    }

    /**
     * A number as its significant digits and exponent ({@code 1200.0} and {@code 1.2e3} are both {@code 12e2}),
     * in time linear in its digits (stripTrailingZeros takes minutes on a number of 131,072 digits).
     */
    private static String number(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        String digits = value.unscaledValue().abs().toString();
        int significant = digits.length();
        while (digits.charAt(significant - 1) == '0') {
            significant--;
        }
        long exponent = -(long) value.scale() + (digits.length() - significant);
        return (value.signum() < 0 ? "-" : "") + digits.substring(0, significant) + "e" + exponent;
    }

    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
