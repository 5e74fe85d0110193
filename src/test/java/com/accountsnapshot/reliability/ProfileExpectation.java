package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the snapshot's profile fields must be for a {@code profile_metadata} document, worked out here from
 * docs/snapshot-fields.md#source-tables and docs/snapshot-fields.md#bad-source-data alone (not with the product's code): each field's value, and the warnings (field path
 * and raw value) for the values that cannot be read. The account has no product rows, so {@code products_used}
 * comes from the metadata.
 *
 * <p>Readings where docs/snapshot-fields.md leaves room, decided here: metadata that is not an object leaves every field unknown,
 * stakeholder_count included (null, not 0); a JSON null value counts as absent, but a JSON null array entry
 * (champion or product) is an entry of the wrong type; "trim" removes characters up to U+0020 at both ends;
 * a score string holds a number when, trimmed, it is a decimal with optional sign, fraction and exponent, in
 * the decimal digits of any script (as Java's BigDecimal and Python's float read them: "٣٤" is 34); a date is
 * exactly {@code YYYY-MM-DD} in ASCII digits, a real day of the Gregorian calendar from year 1 on (PostgreSQL
 * has no year 0).
 */
final class ProfileExpectation {

    static final List<String> COLUMNS = List.of("account_tier", "assigned_csm", "csm_manager", "account_owner",
            "lifecycle_stage", "onboarding_status", "last_qbr_date", "next_qbr_date", "engagement_score",
            "primary_champion", "champion_status", "stakeholder_count", "products_used", "product_count",
            "primary_product");

    /** A warning: the field's JSON path and the canonical text of the offending value. */
    record Warning(String field, String raw) implements Comparable<Warning> {

        @Override
        public int compareTo(Warning other) {
            int byField = field.compareTo(other.field);
            return byField != 0 ? byField : raw.compareTo(other.raw);
        }
    }

    private static final BigDecimal SCORE_OVERFLOW = new BigDecimal("999.995");

    private static final BigDecimal ROUNDS_TO_ZERO = new BigDecimal("0.005");

    final Map<String, @Nullable Object> fields = new LinkedHashMap<>();

    final List<Warning> warnings = new ArrayList<>();

    private ProfileExpectation() {
    }

    static ProfileExpectation of(@Nullable String stored) {
        ProfileExpectation expected = new ProfileExpectation();
        JsonNode root = stored == null ? null : JsonValues.read(stored);
        if (root != null && !root.isObject()) {
            expected.warn("profile_metadata", root);
        }
        expected.read(root != null && root.isObject() ? root : null, stored != null);
        return expected;
    }

    private void read(@Nullable JsonNode root, boolean present) {
        fields.put("account_tier", string(root, "account_tier", "account_tier"));
        fields.put("assigned_csm", string(root, "assigned_csm", "assigned_csm"));
        fields.put("csm_manager", string(root, "csm_manager", "csm_manager"));
        fields.put("account_owner", string(root, "account_owner", "account_owner"));

        JsonNode engagement = value(root, "engagement");
        if (engagement != null && !engagement.isObject()) {
            warn("engagement", engagement);
            engagement = null;
        }
        fields.put("lifecycle_stage", string(engagement, "lifecycle_stage", "engagement.lifecycle_stage"));
        fields.put("onboarding_status", string(engagement, "onboarding_status", "engagement.onboarding_status"));
        fields.put("last_qbr_date", date(engagement, "last_qbr_date", "engagement.last_qbr_date"));
        fields.put("next_qbr_date", date(engagement, "next_qbr_date", "engagement.next_qbr_date"));
        fields.put("engagement_score", score(engagement, "score", "engagement.score"));

        String primaryChampion = null;
        String championStatus = null;
        Integer stakeholders = (root == null && present) ? null : 0;
        JsonNode champions = value(root, "champions");
        if (champions != null && !champions.isArray()) {
            warn("champions", champions);
            stakeholders = null;
        }
        else if (champions != null) {
            stakeholders = champions.size();
            if (champions.size() > 0) {
                JsonNode first = champions.get(0);
                if (first.isString()) {
                    primaryChampion = first.stringValue();
                }
                else if (first.isObject()) {
                    primaryChampion = string(first, "name", "champions[0].name");
                    championStatus = string(first, "status", "champions[0].status");
                }
                else {
                    warn("champions[0]", first);
                }
            }
        }
        fields.put("primary_champion", primaryChampion);
        fields.put("champion_status", championStatus);
        fields.put("stakeholder_count", stakeholders);

        List<String> products = productsUsed(value(root, "products_used"));
        fields.put("products_used", products);
        fields.put("product_count", products.size());
        fields.put("primary_product", products.isEmpty() ? null : products.get(0));
    }

    /** The value under key, or null when the parent, the key or its value is absent or JSON null. */
    private static @Nullable JsonNode value(@Nullable JsonNode parent, String key) {
        JsonNode value = parent == null ? null : parent.get(key);
        return (value == null || value.isNull()) ? null : value;
    }

    private @Nullable String string(@Nullable JsonNode parent, String key, String path) {
        JsonNode value = value(parent, key);
        if (value == null) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        warn(path, value);
        return null;
    }

    private @Nullable LocalDate date(@Nullable JsonNode parent, String key, String path) {
        JsonNode value = value(parent, key);
        if (value == null) {
            return null;
        }
        LocalDate date = value.isString() ? calendarDate(value.stringValue()) : null;
        if (date == null) {
            warn(path, value);
        }
        return date;
    }

    /** YYYY-MM-DD in ASCII digits, a real day from year 1 on; else null. */
    static @Nullable LocalDate calendarDate(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        for (int i : new int[] {0, 1, 2, 3, 5, 6, 8, 9}) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return null;
            }
        }
        int year = Integer.parseInt(text.substring(0, 4));
        int month = Integer.parseInt(text.substring(5, 7));
        int day = Integer.parseInt(text.substring(8, 10));
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int[] monthLength = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > monthLength[month - 1]) {
            return null;
        }
        return LocalDate.of(year, month, day);
    }

    private @Nullable BigDecimal score(@Nullable JsonNode parent, String key, String path) {
        JsonNode value = value(parent, key);
        if (value == null) {
            return null;
        }
        BigDecimal number = null;
        if (value.isNumber()) {
            number = value.decimalValue();
        }
        else if (value.isString() && isDecimal(trim(value.stringValue()))) {
            try {
                number = new BigDecimal(trim(value.stringValue()));
            }
            catch (NumberFormatException exponentOutOfRange) {
                number = null;
            }
        }
        if (number == null || number.abs().compareTo(SCORE_OVERFLOW) >= 0) {
            warn(path, value);
            return null;
        }
        return number.abs().compareTo(ROUNDS_TO_ZERO) < 0 ? BigDecimal.ZERO.setScale(2)
                : number.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code [+-]digits[.digits][e[+-]digits]}, digits optional on one side of the point, in any script. */
    static boolean isDecimal(String text) {
        int i = 0;
        int n = text.length();
        if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && text.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return Character.digit(c, 10) >= 0;
    }

    /** Removes characters up to U+0020 at both ends. */
    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return text.substring(start, end);
    }

    private List<String> productsUsed(@Nullable JsonNode value) {
        Set<String> products = new LinkedHashSet<>();
        if (value == null) {
            return List.of();
        }
        if (value.isString()) {
            for (String item : value.stringValue().split(",", -1)) {
                addTrimmed(products, item);
            }
        }
        else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                if (value.get(i).isString()) {
                    addTrimmed(products, value.get(i).stringValue());
                }
                else {
                    warn("products_used[" + i + "]", value.get(i));
                }
            }
        }
        else {
            warn("products_used", value);
        }
        return List.copyOf(products);
    }

    private static void addTrimmed(Set<String> products, String item) {
        String product = trim(item);
        if (!product.isEmpty()) {
            products.add(product);
        }
    }

    private void warn(String field, JsonNode raw) {
        warnings.add(new Warning(field, JsonValues.canonical(raw)));
    }
}
