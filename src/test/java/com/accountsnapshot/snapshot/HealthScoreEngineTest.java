package com.accountsnapshot.snapshot;

import static com.accountsnapshot.snapshot.AccountContextBuilder.kpi;
import static com.accountsnapshot.snapshot.AccountContextBuilder.productKpi;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthScoreEngineTest {

    private static final KpiReferenceRanges RANGES = new KpiReferenceRanges(List.of(
            new KpiReferenceRange("Ticket Response Time", false, new BigDecimal("48"), new BigDecimal("24")),
            new KpiReferenceRange("Adoption Rate", true, new BigDecimal("30"), new BigDecimal("70"))));

    @Test
    void unparseableKpiIsUnscoredNotHealthy() {
        // given
        List<Kpi> kpis = List.of(kpi(1, "Support", "n/a", "high"), kpi(2, "Support", "1e3", "high"),
                kpi(3, "Support", null, "high"), kpi(4, "Support", "10", "low"));

        // when
        HealthScoreEngine.Assessment assessment = HealthScoreEngine.assess(kpis, RANGES);

        // then
        KpiSummary summary = assessment.summary();
        assertThat(summary.total()).isEqualTo(4);
        assertThat(summary.unscored()).isEqualTo(3);
        assertThat(summary.healthy()).isZero();
        assertThat(summary.atRisk()).isZero();
        assertThat(summary.critical()).isEqualTo(1);
        // the unscored KPIs are left out of the component: only the critical one counts
        assertThat(assessment.proxy().support()).isEqualByComparingTo("0.00");
        assertThat(assessment.proxy().overall()).isEqualByComparingTo("0.00");
    }

    @ParameterizedTest(name = "default range: {0} is {1}")
    @CsvSource({
            "49.99, CRITICAL", "50, CRITICAL", "50.01, AT_RISK", "80.99, AT_RISK", "81, HEALTHY", "81.01, HEALTHY",
            "-3, CRITICAL", "1000, HEALTHY"
    })
    void defaultRangeIsHigherIsBetterCriticalAt50HealthyAt81(String value, KpiStatus expected) {
        KpiReferenceRange range = KpiReferenceRanges.none().forKpi("No Such KPI");

        assertThat(KpiStatus.of(new BigDecimal(value), range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "lower is better (critical 48, healthy 24): {0} is {1}")
    @CsvSource({
            "100, CRITICAL", "48.01, CRITICAL", "48, CRITICAL", "47.99, AT_RISK", "24.01, AT_RISK", "24, HEALTHY",
            "23.99, HEALTHY", "0, HEALTHY"
    })
    void lowerIsBetterRangeBoundsAreInclusive(String value, KpiStatus expected) {
        KpiReferenceRange range = RANGES.forKpi("Ticket Response Time");

        assertThat(KpiStatus.of(new BigDecimal(value), range)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "higher is better (critical 30, healthy 70): {0} is {1}")
    @CsvSource({"30, CRITICAL", "30.01, AT_RISK", "69.99, AT_RISK", "70, HEALTHY"})
    void higherIsBetterRangeBoundsAreInclusive(String value, KpiStatus expected) {
        KpiReferenceRange range = RANGES.forKpi("Adoption Rate");

        assertThat(KpiStatus.of(new BigDecimal(value), range)).isEqualTo(expected);
    }

    @Test
    void criticalBoundWinsWhenBoundsOverlap() {
        KpiReferenceRange inverted = new KpiReferenceRange("x", true, new BigDecimal("80"), new BigDecimal("60"));

        assertThat(KpiStatus.of(new BigDecimal("70"), inverted)).isEqualTo(KpiStatus.CRITICAL);
    }

    @Test
    void rangeIsFoundByKpiParameterTrimmedAndCaseInsensitive() {
        // given: 30 hours is at risk for a lower-is-better response time, critical by the default range
        List<Kpi> kpis = List.of(kpi(1, "  ticket RESPONSE time ", "30 hours"));

        // when
        KpiSummary summary = HealthScoreEngine.assess(kpis, RANGES).summary();

        // then
        assertThat(summary.atRisk()).isEqualTo(1);
        assertThat(summary.critical()).isZero();
    }

    @ParameterizedTest(name = "impact \"{0}\" weighs {1}")
    @CsvSource(value = {"high|3", "HIGH|3", " High |3", "medium|2", "Medium|2", "low|1", "LOW|1", "critical|1",
            "''|1", "NULL|1", "hi gh|1",
            "'\tmedium\n'|2", "h\u0130gh|1", "'\u00a0high'|1"}, delimiter = '|', nullValues = "NULL")
    void impactWeight(String impactLevel, int expected) {
        assertThat(HealthScoreEngine.impactWeight(impactLevel)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "category \"{0}\" feeds {1}")
    @CsvSource(value = {
            "Product Usage|PRODUCT_USAGE", "product usage|PRODUCT_USAGE", "  Product Usage KPI |PRODUCT_USAGE",
            "Support|SUPPORT", "SUPPORT KPIs|SUPPORT", "support kpi|SUPPORT",
            "Customer Sentiment|CUSTOMER_SENTIMENT", "Customer Sentiment KPIs|CUSTOMER_SENTIMENT",
            "Business Outcomes|BUSINESS_OUTCOMES", "Business Outcomes KPI|BUSINESS_OUTCOMES",
            "Relationship Strength|RELATIONSHIP_STRENGTH", "relationship strength kpis|RELATIONSHIP_STRENGTH",
            "Financial|NONE", "SupportKPI|NONE", "Support KPI KPI|NONE", "Product Usage  KPI|NONE", "KPI|NONE",
            "''|NONE", "NULL|NONE",
            "'\tSupport KPIs\n'|SUPPORT", "Bus\u0130ness Outcomes|NONE", "Support\u00a0KPI|NONE",
            "'Support kpi\u00a0'|NONE", "'\u00a0Support'|NONE", "Support KP\u0130|NONE"}, delimiter = '|', nullValues = "NULL")
    void categoryFeedsItsComponent(String category, String expected) {
        assertThat(HealthComponent.forCategory(category).map(Enum::name).orElse("NONE")).isEqualTo(expected);
    }

    @Test
    void topCriticalKpisAreOrderedByImpactThenIdAndCappedAtFive() {
        // given: seven critical KPIs (value 1 against the default range) and one healthy high-impact KPI
        List<Kpi> kpis = List.of(
                kpi(10, "Support", "1", "low"),
                kpi(11, "Support", "1", "medium"),
                kpi(12, "Support", "1", "HIGH"),
                kpi(13, "Support", "90", "high"),
                kpi(14, "Support", "1", null),
                kpi(15, "Support", "1", "high"),
                kpi(3, "Support", "1", "medium"),
                kpi(9, "Support", "1", "bogus"));

        // when
        KpiSummary summary = HealthScoreEngine.assess(kpis, RANGES).summary();

        // then
        assertThat(summary.critical()).isEqualTo(7);
        assertThat(summary.topCritical()).extracting(TopCriticalKpi::kpiId).containsExactly(12L, 15L, 3L, 11L, 9L);
    }

    @Test
    void topCriticalKpiCarriesTheRawData() {
        List<Kpi> kpis = List.of(new Kpi(6, 77L, " Support KPIs", "Churn Risk", " 12 users", " High"));

        KpiSummary summary = HealthScoreEngine.assess(kpis, RANGES).summary();

        assertThat(summary.topCritical()).containsExactly(
                new TopCriticalKpi(6, "Churn Risk", " Support KPIs", 77L, " 12 users", " High"));
    }

    @Test
    void accountAndProductLevelKpisAreCountedIncludingUnscoredOnes() {
        List<Kpi> kpis = List.of(kpi(1, "Support", "90", "low"), kpi(2, "Other", "garbage", "low"),
                productKpi(3, 100, "90"), productKpi(4, 100, "n/a"), productKpi(5, 101, "40"));

        KpiSummary summary = HealthScoreEngine.assess(kpis, RANGES).summary();

        assertThat(summary).isEqualTo(new KpiSummary(5, 2, 3, 1, 0, 2, 2, summary.topCritical()));
        assertThat(summary.topCritical()).extracting(TopCriticalKpi::kpiId).containsExactly(5L);
    }

    @Test
    void componentIsTheImpactWeightedMeanOfItsKpiScores() {
        // healthy high (3 x 100) + critical low (1 x 0) = 300 / 4
        List<Kpi> kpis = List.of(kpi(1, "Support", "95", "high"), kpi(2, "Support", "5", "low"));

        HealthScores proxy = HealthScoreEngine.assess(kpis, RANGES).proxy();

        assertThat(proxy.support()).isEqualByComparingTo("75.00");
        assertThat(proxy.overall()).isEqualByComparingTo("75.00");
        assertThat(proxy.productUsage()).isNull();
        assertThat(proxy.source()).isEqualTo(HealthScores.SOURCE_KPI_PROXY);
    }

    @Test
    void componentOfRepeatingDecimalIsRoundedHalfUpOnlyWhenWritten() {
        // given: Product Usage 100; Business Outcomes (1 x 100 + 2 x 60) / 3 = 73.333...
        List<Kpi> kpis = List.of(kpi(1, "Product Usage", "90", "low"),
                kpi(2, "Business Outcomes", "90", "low"), kpi(3, "Business Outcomes", "60", "medium"));

        // when
        HealthScores proxy = HealthScoreEngine.assess(kpis, RANGES).proxy();

        // then: overall = (0.20 x 100 + 0.25 x 73.333...) / 0.45 = 85.185...; from a rounded 73.33 it would be 85.18
        assertThat(proxy.businessOutcomes()).isEqualTo(new BigDecimal("73.33"));
        assertThat(proxy.productUsage()).isEqualTo(new BigDecimal("100.00"));
        assertThat(proxy.overall()).isEqualTo(new BigDecimal("85.19"));
    }

    @Test
    void overallEndingInFiveAtTheThirdDecimalRoundsUp() {
        // given: Business Outcomes 0; Relationship Strength (1 x 60 + 3 x 0) / 4 = 15
        List<Kpi> kpis = List.of(kpi(1, "Business Outcomes", "10", "low"),
                kpi(2, "Relationship Strength", "60", "low"), kpi(3, "Relationship Strength", "10", "high"));

        // when
        HealthScores proxy = HealthScoreEngine.assess(kpis, RANGES).proxy();

        // then: (0.25 x 0 + 0.15 x 15) / 0.40 = 5.625, HALF_UP 5.63 (HALF_EVEN would give 5.62)
        assertThat(proxy.businessOutcomes()).isEqualTo(new BigDecimal("0.00"));
        assertThat(proxy.relationshipStrength()).isEqualTo(new BigDecimal("15.00"));
        assertThat(proxy.overall()).isEqualTo(new BigDecimal("5.63"));
    }

    @Test
    void componentTwoThirdsRoundsHalfUp() {
        // (2 x 100 + 1 x 0) / 3 = 66.666...
        List<Kpi> kpis = List.of(kpi(1, "Customer Sentiment", "99", "medium"),
                kpi(2, "Customer Sentiment", "1", "low"));

        assertThat(HealthScoreEngine.assess(kpis, RANGES).proxy().customerSentiment())
                .isEqualTo(new BigDecimal("66.67"));
    }

    @Test
    void overallIsRenormalisedOverThePresentComponents() {
        // given: only Business Outcomes (100, weight 0.25) and Relationship Strength (0, weight 0.15)
        List<Kpi> kpis = List.of(kpi(1, "Business Outcomes KPIs", "99", "high"),
                kpi(2, "Relationship Strength", "0", "low"), kpi(3, "Financial", "0", "high"));

        // when
        HealthScores proxy = HealthScoreEngine.assess(kpis, RANGES).proxy();

        // then: 25 / 0.40 = 62.5
        assertThat(proxy.overall()).isEqualTo(new BigDecimal("62.50"));
        assertThat(proxy.productUsage()).isNull();
        assertThat(proxy.support()).isNull();
        assertThat(proxy.customerSentiment()).isNull();
    }

    @Test
    void overallWeighsAllFiveComponents() {
        // given: 100, 60, 0, 100, 60 in the order of docs/snapshot-fields.md
        List<Kpi> kpis = List.of(kpi(1, "Product Usage", "90", "low"), kpi(2, "Support", "60", "low"),
                kpi(3, "Customer Sentiment", "10", "low"), kpi(4, "Business Outcomes", "90", "low"),
                kpi(5, "Relationship Strength", "60", "low"));

        // when
        HealthScores proxy = HealthScoreEngine.assess(kpis, RANGES).proxy();

        // then: 20 + 12 + 0 + 25 + 9 = 66
        assertThat(proxy).isEqualTo(new HealthScores(new BigDecimal("66.00"), new BigDecimal("100.00"),
                new BigDecimal("60.00"), new BigDecimal("0.00"), new BigDecimal("100.00"), new BigDecimal("60.00"),
                HealthScores.SOURCE_KPI_PROXY));
    }

    @Test
    void kpisOutsideTheFiveCategoriesGiveNoProxy() {
        List<Kpi> kpis = List.of(kpi(1, "Financial", "90", "high"), kpi(2, null, "10", "high"));

        HealthScoreEngine.Assessment assessment = HealthScoreEngine.assess(kpis, RANGES);

        assertThat(assessment.proxy()).isEqualTo(
                new HealthScores(null, null, null, null, null, null, HealthScores.SOURCE_NONE));
        assertThat(assessment.summary().critical()).isEqualTo(1);
        assertThat(assessment.summary().healthy()).isEqualTo(1);
    }
}
