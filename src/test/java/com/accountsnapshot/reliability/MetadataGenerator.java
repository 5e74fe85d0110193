package com.accountsnapshot.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Seeded random {@code profile_metadata} documents, as JSON text, that get every key wrong in every way
 * docs/snapshot-fields.md#source-tables make possible: wrong types at every key, nested nulls, arrays where objects are due, objects
 * where strings are due, 100,000-character strings, Unicode (emoji, right-to-left, control characters but
 * never NUL, which jsonb refuses), numbers as strings, dates in other formats and impossible dates, scores
 * outside numeric(5,2), deep nesting, repeated keys, and metadata that is an array, a string, a number or
 * null. Mostly right values are mixed in, so readable fields sit next to unreadable ones.
 */
final class MetadataGenerator {

    /** A JSON fragment written as it is (deep nesting, repeated keys, number spellings). */
    record Raw(String json) {
    }

    private static final String[] STRING_KEYS = {"assigned_csm", "csm_manager", "account_owner", "account_tier"};

    private static final String[] SCORE_TEXTS = {"72.5", " 72.5 ", "\t88\n", "1e2", "1E1", "-5", "+5", ".5", "5.",
        "0", "-0", "999.994", "999.995", "-999.995", "1000", "abc", "", " ", "NaN", "Infinity", "-Infinity", "0x10",
        "1,5", "72.5%", "٣٤", "５", "1e-999999999", "1e999999999", "12 ", "1_000", "--1", "1e", "e1", "3.14.15"};

    private static final String[] DATE_TEXTS = {"2026-09-15", "2024-02-29", "2023-02-29", "2026-02-30", "2026-13-01",
        "2026-00-10", "2026-01-00", "2026-04-31", "0000-01-01", "0001-01-01", "9999-12-31", "15/09/2026",
        "09/15/2026", "2026/09/15", "2026-9-15", "2026-09-15T00:00:00Z", " 2026-09-15", "2026-09-15 ", "20260915",
        "2026-09-15\n", "Sept 15, 2026", "", "２０２６-０９-１５", "-2026-09-15", "+2026-09-15", "12026-09-15"};

    private static final String[] NUMBER_SPELLINGS = {"0", "-0", "1", "42", "3.14", "-2.5", "1e3", "1E-3", "1.0e2",
        "123456789012345678901234567890", "0.000000000000000000000000000001", "1e400", "-1e-300", "72.345",
        "999.995", "-999.994", "1000"};

    /** The largest number jsonb holds (131,072 digits): rare, as reading it takes a while. */
    private static final String LARGEST_NUMBER = "1e131071";

    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "0123456789",
        " \t\n\r,,;:.-_/\\\"'{}[]()<>!?@#$%^&*=+|`~",
        "\u0001\u0002\u0007\b\u000b\f\u000e\u001b\u001f\u007f\u0085\u0099",
        "éüñçøåßÆŒ",
        "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627",
        "\u202e\u202d\u200f\u200e\u200b\u2060\ufeff\u00a0\u2028\u2029\u3000",
        "\u4e2d\u6587\u65e5\u672c\ud55c\uad6d",
        "\u0301\u0308\u20dd"};

    private static final String[] EMOJI = {"\ud83d\ude00", "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
        "\ud83c\uddfa\ud83c\uddf8", "\u2764\ufe0f", "\ud83e\udd37\ud83c\udffd\u200d\u2640\ufe0f", "\ud834\udd1e"};

    private final Random random;

    MetadataGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** The next document as JSON text, or null for a NULL column. */
    @Nullable String next() {
        int kind = random.nextInt(100);
        if (kind < 2) {
            return null;
        }
        if (kind < 6) {
            return write(notAnObject());
        }
        if (kind < 8) {
            return repeatedKeys();
        }
        Map<String, Object> document = new LinkedHashMap<>();
        for (String key : STRING_KEYS) {
            maybePut(document, key, () -> stringOrWrong());
        }
        maybePut(document, "engagement", this::engagement);
        maybePut(document, "champions", this::champions);
        maybePut(document, "products_used", this::productsUsed);
        if (random.nextInt(10) == 0) {
            document.put("custom_" + random.nextInt(5), anyValue(0));
        }
        if (random.nextInt(200) == 0) {
            document.put("deep", new Raw(nested(pick(new int[] {1_000, 4_000, 6_000, 9_000}))));
        }
        return write(document);
    }

    private Object notAnObject() {
        return switch (random.nextInt(6)) {
            case 0 -> List.of(Map.of("assigned_csm", "Dana"));
            case 1 -> randomString();
            case 2 -> new Raw(pick(NUMBER_SPELLINGS));
            case 3 -> random.nextBoolean();
            case 4 -> new Raw("null");
            default -> List.of();
        };
    }

    /** jsonb keeps the last of repeated keys. */
    private String repeatedKeys() {
        return "{\"assigned_csm\": " + write(stringOrWrong()) + ", \"account_tier\": \"Gold\", \"assigned_csm\": "
                + write(stringOrWrong()) + ", \"engagement\": {\"score\": 1, \"score\": " + write(score()) + "}}";
    }

    private void maybePut(Map<String, Object> document, String key, java.util.function.Supplier<Object> value) {
        int roll = random.nextInt(10);
        if (roll < 3) {
            return;
        }
        document.put(key, roll == 3 ? new Raw("null") : value.get());
    }

    private Object stringOrWrong() {
        return random.nextInt(3) == 0 ? wrongForString() : randomString();
    }

    private Object wrongForString() {
        return switch (random.nextInt(8)) {
            case 0 -> new Raw(random.nextInt(100) == 0 ? LARGEST_NUMBER : pick(NUMBER_SPELLINGS));
            case 1 -> random.nextBoolean();
            case 2 -> List.of(randomString());
            case 3 -> Map.of("name", randomString());
            case 4 -> new Raw("null");
            case 5 -> List.of();
            case 6 -> new Raw(nested(1 + random.nextInt(50)));
            default -> anyValue(0);
        };
    }

    private Object engagement() {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return wrongForObject();
        }
        Map<String, Object> engagement = new LinkedHashMap<>();
        maybePut(engagement, "lifecycle_stage", this::stringOrWrong);
        maybePut(engagement, "onboarding_status", this::stringOrWrong);
        maybePut(engagement, "last_qbr_date", this::date);
        maybePut(engagement, "next_qbr_date", this::date);
        maybePut(engagement, "score", this::score);
        return engagement;
    }

    private Object wrongForObject() {
        return switch (random.nextInt(6)) {
            case 0 -> randomString();
            case 1 -> List.of(Map.of("score", 50));
            case 2 -> new Raw(pick(NUMBER_SPELLINGS));
            case 3 -> random.nextBoolean();
            case 4 -> new Raw(nested(1 + random.nextInt(3_000)));
            default -> List.of();
        };
    }

    private Object date() {
        return switch (random.nextInt(6)) {
            case 0, 1, 2 -> pick(DATE_TEXTS);
            case 3 -> "%04d-%02d-%02d".formatted(random.nextInt(10_000), random.nextInt(14), random.nextInt(33));
            case 4 -> new Raw(pick(NUMBER_SPELLINGS));
            default -> wrongForString();
        };
    }

    private Object score() {
        return switch (random.nextInt(6)) {
            case 0 -> new Raw(pick(NUMBER_SPELLINGS));
            case 1 -> new Raw(String.valueOf((random.nextInt(2_000_000) - 1_000_000) / 1000.0));
            case 2, 3 -> pick(SCORE_TEXTS);
            case 4 -> String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 2_000 - 1_000);
            default -> wrongForString();
        };
    }

    private Object champions() {
        if (random.nextInt(8) == 0) {
            return wrongForArray();
        }
        List<Object> champions = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            champions.add(switch (random.nextInt(7)) {
                case 0, 1 -> randomString();
                case 2, 3 -> champion();
                case 4 -> new Raw("null");
                case 5 -> new Raw(pick(NUMBER_SPELLINGS));
                default -> List.of(champion());
            });
        }
        return champions;
    }

    private Map<String, Object> champion() {
        Map<String, Object> champion = new LinkedHashMap<>();
        maybePut(champion, "name", this::stringOrWrong);
        maybePut(champion, "status", this::stringOrWrong);
        return champion;
    }

    private Object wrongForArray() {
        return switch (random.nextInt(4)) {
            case 0 -> randomString();
            case 1 -> Map.of("name", "Ann");
            case 2 -> new Raw(pick(NUMBER_SPELLINGS));
            default -> random.nextBoolean();
        };
    }

    private Object productsUsed() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> productList();
            case 2 -> String.join(",", productList().stream().map(String::valueOf).toList());
            case 3 -> " CRM, Analytics ,CRM,, " + randomString();
            case 4 -> {
                List<Object> mixed = new ArrayList<>(productList());
                mixed.add(random.nextInt(mixed.size() + 1), anyValue(0));
                yield mixed;
            }
            default -> wrongForArray();
        };
    }

    private List<Object> productList() {
        String[] names = {"CRM", " CRM", "Analytics ", "crm", "", "  ", "\tBilling\n", "Data, Lake", "\ud83d\ude00"};
        List<Object> products = new ArrayList<>();
        int count = random.nextInt(5);
        for (int i = 0; i < count; i++) {
            products.add(random.nextBoolean() ? pick(names) : randomString());
        }
        return products;
    }

    private Object anyValue(int depth) {
        int roll = random.nextInt(depth > 2 ? 4 : 7);
        return switch (roll) {
            case 0 -> randomString();
            case 1 -> new Raw(pick(NUMBER_SPELLINGS));
            case 2 -> random.nextBoolean();
            case 3 -> new Raw("null");
            case 4 -> List.of(anyValue(depth + 1), anyValue(depth + 1));
            case 5 -> Map.of("k", anyValue(depth + 1), "" + random.nextInt(9), anyValue(depth + 1));
            default -> new Raw(nested(1 + random.nextInt(100)));
        };
    }

    private String randomString() {
        int roll = random.nextInt(1_000);
        if (roll < 3) {
            return "x".repeat(100_000 - 1) + pick(EMOJI);
        }
        if (roll < 100) {
            return pick(new String[] {"", " ", "Dana", " Dana ", "null", "true", "42", "2026-09-15", "[]", "{}",
                "\"quoted\"", "back\\slash", "line\nbreak", "\u202eright to left", "Zoë", "李雷"});
        }
        int length = random.nextInt(roll < 900 ? 12 : 300);
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            if (random.nextInt(12) == 0) {
                text.append(pick(EMOJI));
            }
            else {
                String alphabet = pick(ALPHABETS);
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    /** A value nested {@code depth} levels: arrays and objects in turn, around a string. */
    private String nested(int depth) {
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            json.append(i % 2 == 0 ? "[" : "{\"a\":");
        }
        json.append("\"core\"");
        for (int i = depth - 1; i >= 0; i--) {
            json.append(i % 2 == 0 ? "]" : "}");
        }
        return json.toString();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    /** JSON text of maps, lists, strings, booleans, nulls and {@link Raw} fragments. */
    static String write(@Nullable Object value) {
        StringBuilder json = new StringBuilder();
        write(value, json);
        return json.toString();
    }

    private static void write(@Nullable Object value, StringBuilder json) {
        if (value == null) {
            json.append("null");
        }
        else if (value instanceof Raw raw) {
            json.append(raw.json());
        }
        else if (value instanceof String text) {
            json.append('"');
            text.chars().forEach(c -> {
                if (c == '"' || c == '\\') {
                    json.append('\\').append((char) c);
                }
                else if (c < 0x20) {
                    json.append("\\u%04x".formatted(c));
                }
                else {
                    json.append((char) c);
                }
            });
            json.append('"');
        }
        else if (value instanceof Boolean || value instanceof Integer) {
            json.append(value);
        }
        else if (value instanceof List<?> list) {
            json.append('[');
            for (int i = 0; i < list.size(); i++) {
                json.append(i == 0 ? "" : ", ");
                write(list.get(i), json);
            }
            json.append(']');
        }
        else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.append(first ? "" : ", ");
                first = false;
                write(entry.getKey(), json);
                json.append(": ");
                write(entry.getValue(), json);
            }
            json.append('}');
        }
        else {
            throw new IllegalArgumentException(value.getClass().getName());
        }
    }
}
