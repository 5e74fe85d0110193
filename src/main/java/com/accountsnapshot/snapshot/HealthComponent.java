package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/** The five category scores of the health proxy, in the order of docs/snapshot-fields.md, with their weight in the overall score. */
enum HealthComponent {
    PRODUCT_USAGE("product usage", "0.20"),
    SUPPORT("support", "0.20"),
    CUSTOMER_SENTIMENT("customer sentiment", "0.20"),
    BUSINESS_OUTCOMES("business outcomes", "0.25"),
    RELATIONSHIP_STRENGTH("relationship strength", "0.15");

    private final String category;

    private static final HealthComponent[] COMPONENTS = values();

    private final BigDecimal weight;

    private final Optional<HealthComponent> found = Optional.of(this);

    HealthComponent(String category, String weight) {
        this.category = category;
        this.weight = new BigDecimal(weight);
    }

    BigDecimal weight() {
        return weight;
    }

    /**
     * The component a KPI category feeds: trimmed, case-insensitive, after dropping one trailing
     * {@code " KPI"} or {@code " KPIs"}; empty for any other category.
     */
    static Optional<HealthComponent> forCategory(@Nullable String category) {
        if (category == null) {
            return Optional.empty();
        }
        if (!AsciiText.isAscii(category)) {
            return forLowerCaseName(category.trim().toLowerCase(Locale.ROOT));
        }
        int start = AsciiText.trimmedStart(category);
        int end = AsciiText.trimmedEnd(category, start);
        if (AsciiText.endsWith(category, start, end, " kpis")) {
            end -= " kpis".length();
        }
        else if (AsciiText.endsWith(category, start, end, " kpi")) {
            end -= " kpi".length();
        }
        for (HealthComponent component : COMPONENTS) {
            if (AsciiText.is(category, start, end, component.category)) {
                return component.found;
            }
        }
        return Optional.empty();
    }

    private static Optional<HealthComponent> forLowerCaseName(String trimmed) {
        String name = trimmed;
        if (name.endsWith(" kpis")) {
            name = name.substring(0, name.length() - " kpis".length());
        }
        else if (name.endsWith(" kpi")) {
            name = name.substring(0, name.length() - " kpi".length());
        }
        for (HealthComponent component : COMPONENTS) {
            if (component.category.equals(name)) {
                return component.found;
            }
        }
        return Optional.empty();
    }
}
