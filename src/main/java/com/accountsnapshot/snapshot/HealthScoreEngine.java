package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Classifies an account's KPIs against their reference ranges and derives the KPI proxy health scores
 * (docs/snapshot-fields.md#kpi-health-rules). Scores are kept as exact fractions and rounded HALF_UP to 2 places once, at the end, so a
 * component is never rounded before the overall score is computed from it.
 */
final class HealthScoreEngine {

    static final int TOP_CRITICAL_LIMIT = 5;

    private static final Comparator<Kpi> MOST_IMPACTFUL_FIRST = Comparator
            .comparingInt((Kpi kpi) -> impactWeight(kpi.impactLevel())).reversed()
            .thenComparingLong(Kpi::kpiId);

    private HealthScoreEngine() {
    }

    /** The KPI counts and top critical KPIs of an account, and its proxy health scores. */
    record Assessment(KpiSummary summary, HealthScores proxy) {
    }

    static Assessment assess(List<Kpi> kpis, KpiReferenceRanges ranges) {
        int accountLevel = 0;
        int critical = 0;
        int atRisk = 0;
        int healthy = 0;
        int unscored = 0;
        List<Kpi> criticalKpis = new ArrayList<>();
        Map<HealthComponent, Fraction> components = new EnumMap<>(HealthComponent.class);
        for (Kpi kpi : kpis) {
            if (kpi.productId() == null) {
                accountLevel++;
            }
            Optional<BigDecimal> value = KpiValueParser.parse(kpi.data());
            if (value.isEmpty()) {
                unscored++;
                continue;
            }
            KpiStatus status = KpiStatus.of(value.get(), ranges.forKpi(kpi.kpiParameter()));
            switch (status) {
                case CRITICAL -> {
                    critical++;
                    criticalKpis.add(kpi);
                }
                case AT_RISK -> atRisk++;
                case HEALTHY -> healthy++;
            }
            int weight = impactWeight(kpi.impactLevel());
            HealthComponent.forCategory(kpi.category()).ifPresent(component -> components.merge(component,
                    new Fraction(BigDecimal.valueOf((long) weight * status.score()), BigDecimal.valueOf(weight)),
                    Fraction::addTerms));
        }
        List<TopCriticalKpi> topCritical = criticalKpis.stream()
                .sorted(MOST_IMPACTFUL_FIRST)
                .limit(TOP_CRITICAL_LIMIT)
                .map(kpi -> new TopCriticalKpi(kpi.kpiId(), kpi.kpiParameter(), kpi.category(), kpi.productId(),
                        kpi.data(), kpi.impactLevel()))
                .toList();
        KpiSummary summary = new KpiSummary(kpis.size(), accountLevel, kpis.size() - accountLevel, critical, atRisk,
                healthy, unscored, topCritical);
        return new Assessment(summary, proxyScores(components));
    }

    /** high 3, medium 2, low 1, anything else (null included) 1; trimmed and case-insensitive. */
    static int impactWeight(@Nullable String impactLevel) {
        if (impactLevel == null) {
            return 1;
        }
        if (!AsciiText.isAscii(impactLevel)) {
            return switch (impactLevel.trim().toLowerCase(Locale.ROOT)) {
                case "high" -> 3;
                case "medium" -> 2;
                default -> 1;
            };
        }
        int start = AsciiText.trimmedStart(impactLevel);
        int end = AsciiText.trimmedEnd(impactLevel, start);
        if (AsciiText.is(impactLevel, start, end, "high")) {
            return 3;
        }
        return AsciiText.is(impactLevel, start, end, "medium") ? 2 : 1;
    }

    private static HealthScores proxyScores(Map<HealthComponent, Fraction> components) {
        if (components.isEmpty()) {
            return new HealthScores(null, null, null, null, null, null, HealthScores.SOURCE_NONE);
        }
        // overall = sum(weight * component) / sum(weight) over the components present, as one exact fraction
        Fraction weightedSum = null;
        BigDecimal weightTotal = BigDecimal.ZERO;
        for (Map.Entry<HealthComponent, Fraction> entry : components.entrySet()) {
            Fraction term = entry.getValue().times(entry.getKey().weight());
            weightedSum = (weightedSum == null) ? term : weightedSum.plus(term);
            weightTotal = weightTotal.add(entry.getKey().weight());
        }
        return new HealthScores(weightedSum.dividedBy(weightTotal).rounded(),
                rounded(components.get(HealthComponent.PRODUCT_USAGE)),
                rounded(components.get(HealthComponent.SUPPORT)),
                rounded(components.get(HealthComponent.CUSTOMER_SENTIMENT)),
                rounded(components.get(HealthComponent.BUSINESS_OUTCOMES)),
                rounded(components.get(HealthComponent.RELATIONSHIP_STRENGTH)),
                HealthScores.SOURCE_KPI_PROXY);
    }

    private static @Nullable BigDecimal rounded(@Nullable Fraction score) {
        return (score == null) ? null : score.rounded();
    }

    /** An exact quotient of two decimals; a component starts as (sum of weight * score) / (sum of weights). */
    private record Fraction(BigDecimal numerator, BigDecimal denominator) {

        /** Adds one more weighted KPI score to a weighted mean: (a + c) / (b + d). */
        static Fraction addTerms(Fraction mean, Fraction kpi) {
            return new Fraction(mean.numerator.add(kpi.numerator), mean.denominator.add(kpi.denominator));
        }

        Fraction plus(Fraction other) {
            return new Fraction(numerator.multiply(other.denominator).add(other.numerator.multiply(denominator)),
                    denominator.multiply(other.denominator));
        }

        Fraction times(BigDecimal factor) {
            return new Fraction(numerator.multiply(factor), denominator);
        }

        Fraction dividedBy(BigDecimal divisor) {
            return new Fraction(numerator, denominator.multiply(divisor));
        }

        /** The exact value rounded HALF_UP to 2 places (a single, exactly rounded division). */
        BigDecimal rounded() {
            return numerator.divide(denominator, 2, RoundingMode.HALF_UP);
        }
    }
}
