package com.accountsnapshot.reliability;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the snapshot's KPI fields must be for an account's KPI rows, worked out here from docs/snapshot-fields.md#kpi-health-rules alone: the
 * value of each {@code data} text, its status against its reference range, the counts, the top critical KPIs
 * and the proxy health scores (the accounts of this test have no health trend).
 *
 * <p>Readings where docs/snapshot-fields.md leaves room, decided here: "trim" removes characters up to U+0020; the spaces
 * before a unit word are ASCII whitespace and its letters ASCII letters; digits are ASCII digits; a category
 * is trimmed and lower-cased before a trailing " kpi" or " kpis" is dropped.
 */
final class KpiExpectation {

    /** One kpis row. */
    record Kpi(long kpiId, @Nullable Long productId, @Nullable String category, String parameter,
            @Nullable String data, @Nullable String impact) {
    }

    /** One kpi_reference_ranges row. */
    record Range(boolean higherIsBetter, BigDecimal critical, BigDecimal healthy) {
    }

    private static final Range DEFAULT_RANGE = new Range(true, new BigDecimal("50"), new BigDecimal("81"));

    private static final Map<String, BigDecimal> COMPONENT_WEIGHTS = new LinkedHashMap<>();

    static {
        COMPONENT_WEIGHTS.put("product usage", new BigDecimal("0.20"));
        COMPONENT_WEIGHTS.put("support", new BigDecimal("0.20"));
        COMPONENT_WEIGHTS.put("customer sentiment", new BigDecimal("0.20"));
        COMPONENT_WEIGHTS.put("business outcomes", new BigDecimal("0.25"));
        COMPONENT_WEIGHTS.put("relationship strength", new BigDecimal("0.15"));
    }

    static final List<String> COLUMNS = List.of("total_kpis", "account_level_kpis", "product_level_kpis",
            "critical_kpis_count", "at_risk_kpis_count", "healthy_kpis_count", "unscored_kpis_count",
            "top_critical_kpi_ids", "health_score_source", "overall_health_score", "product_usage_score",
            "support_score", "customer_sentiment_score", "business_outcomes_score", "relationship_strength_score");

    private KpiExpectation() {
    }

    /** The value of a data text, or null when it is unscored. */
    static @Nullable BigDecimal value(@Nullable String data) {
        if (data == null) {
            return null;
        }
        String text = ProfileExpectation.trim(data);
        int letters = text.length();
        while (letters > 0 && isAsciiLetter(text.charAt(letters - 1))) {
            letters--;
        }
        int spaces = letters;
        while (spaces > 0 && isAsciiWhitespace(text.charAt(spaces - 1))) {
            spaces--;
        }
        if (letters < text.length() && spaces < letters) {
            text = text.substring(0, spaces);
        }
        if (text.startsWith("$")) {
            text = text.substring(1);
        }
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1);
        }
        BigDecimal multiplier = BigDecimal.ONE;
        if (text.endsWith("K") || text.endsWith("k")) {
            multiplier = BigDecimal.valueOf(1_000);
            text = text.substring(0, text.length() - 1);
        }
        else if (text.endsWith("M") || text.endsWith("m")) {
            multiplier = BigDecimal.valueOf(1_000_000);
            text = text.substring(0, text.length() - 1);
        }
        text = text.replace(",", "");
        return isPlainNumber(text) ? new BigDecimal(text).multiply(multiplier) : null;
    }

    /** {@code -?digits[.digits]} in ASCII digits. */
    private static boolean isPlainNumber(String text) {
        int i = text.startsWith("-") ? 1 : 0;
        int integer = i;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        if (i == integer) {
            return false;
        }
        if (i < text.length() && text.charAt(i) == '.') {
            int fraction = ++i;
            while (i < text.length() && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == fraction) {
                return false;
            }
        }
        return i == text.length();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    static int weight(@Nullable String impact) {
        return switch (impact == null ? "" : ProfileExpectation.trim(impact).toLowerCase(Locale.ROOT)) {
            case "high" -> 3;
            case "medium" -> 2;
            default -> 1;
        };
    }

    private enum Status { CRITICAL, AT_RISK, HEALTHY }

    private static Status status(BigDecimal value, Range range) {
        if (range.higherIsBetter()) {
            return value.compareTo(range.critical()) <= 0 ? Status.CRITICAL
                    : value.compareTo(range.healthy()) >= 0 ? Status.HEALTHY : Status.AT_RISK;
        }
        return value.compareTo(range.critical()) >= 0 ? Status.CRITICAL
                : value.compareTo(range.healthy()) <= 0 ? Status.HEALTHY : Status.AT_RISK;
    }

    private static @Nullable String component(@Nullable String category) {
        if (category == null) {
            return null;
        }
        String name = ProfileExpectation.trim(category).toLowerCase(Locale.ROOT);
        if (name.endsWith(" kpis")) {
            name = name.substring(0, name.length() - 5);
        }
        else if (name.endsWith(" kpi")) {
            name = name.substring(0, name.length() - 4);
        }
        return COMPONENT_WEIGHTS.containsKey(name) ? name : null;
    }

    /** The expected KPI columns of an account with these KPIs, under these ranges (keyed by lower-cased name). */
    static Map<String, @Nullable Object> of(List<Kpi> kpis, Map<String, Range> ranges) {
        int accountLevel = 0;
        int[] counts = new int[Status.values().length];
        int unscored = 0;
        List<Kpi> critical = new ArrayList<>();
        Map<String, BigDecimal[]> components = new LinkedHashMap<>();
        for (Kpi kpi : kpis) {
            accountLevel += kpi.productId() == null ? 1 : 0;
            BigDecimal value = value(kpi.data());
            if (value == null) {
                unscored++;
                continue;
            }
            Range range = ranges.getOrDefault(ProfileExpectation.trim(kpi.parameter()).toLowerCase(Locale.ROOT),
                    DEFAULT_RANGE);
            Status status = status(value, range);
            counts[status.ordinal()]++;
            if (status == Status.CRITICAL) {
                critical.add(kpi);
            }
            String component = component(kpi.category());
            if (component != null) {
                BigDecimal weight = BigDecimal.valueOf(weight(kpi.impact()));
                int points = status == Status.HEALTHY ? 100 : status == Status.AT_RISK ? 60 : 0;
                BigDecimal score = BigDecimal.valueOf(points);
                BigDecimal[] sums = components.computeIfAbsent(component, c -> new BigDecimal[] {BigDecimal.ZERO,
                    BigDecimal.ZERO});
                sums[0] = sums[0].add(weight.multiply(score));
                sums[1] = sums[1].add(weight);
            }
        }
        Map<String, @Nullable Object> expected = new LinkedHashMap<>();
        expected.put("total_kpis", kpis.size());
        expected.put("account_level_kpis", accountLevel);
        expected.put("product_level_kpis", kpis.size() - accountLevel);
        expected.put("critical_kpis_count", counts[Status.CRITICAL.ordinal()]);
        expected.put("at_risk_kpis_count", counts[Status.AT_RISK.ordinal()]);
        expected.put("healthy_kpis_count", counts[Status.HEALTHY.ordinal()]);
        expected.put("unscored_kpis_count", unscored);
        expected.put("top_critical_kpi_ids", critical.stream()
                .sorted(Comparator.comparingInt((Kpi kpi) -> -weight(kpi.impact())).thenComparingLong(Kpi::kpiId))
                .limit(5).map(Kpi::kpiId).toList());
        expected.put("health_score_source", components.isEmpty() ? "none" : "kpi_proxy");
        MathContext precision = new MathContext(60);
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        Map<String, @Nullable BigDecimal> scores = new LinkedHashMap<>();
        for (Map.Entry<String, BigDecimal> component : COMPONENT_WEIGHTS.entrySet()) {
            BigDecimal[] sums = components.get(component.getKey());
            if (sums == null) {
                scores.put(component.getKey(), null);
                continue;
            }
            BigDecimal mean = sums[0].divide(sums[1], precision);
            scores.put(component.getKey(), sums[0].divide(sums[1], 2, RoundingMode.HALF_UP));
            weighted = weighted.add(mean.multiply(component.getValue()));
            weights = weights.add(component.getValue());
        }
        expected.put("overall_health_score", components.isEmpty() ? null
                : weighted.divide(weights, precision).setScale(2, RoundingMode.HALF_UP));
        expected.put("product_usage_score", scores.get("product usage"));
        expected.put("support_score", scores.get("support"));
        expected.put("customer_sentiment_score", scores.get("customer sentiment"));
        expected.put("business_outcomes_score", scores.get("business outcomes"));
        expected.put("relationship_strength_score", scores.get("relationship strength"));
        return expected;
    }
}
