package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

/** Where a scored KPI's value falls in its reference range (docs/snapshot-fields.md#kpi-health-rules), with the score it adds to the proxy. */
enum KpiStatus {
    CRITICAL(0), AT_RISK(60), HEALTHY(100);

    private final int score;

    KpiStatus(int score) {
        this.score = score;
    }

    int score() {
        return score;
    }

    /** Classifies a value; the critical bound is tested first and both bounds are inclusive. */
    static KpiStatus of(BigDecimal value, KpiReferenceRange range) {
        if (range.higherIsBetter()) {
            if (value.compareTo(range.criticalBound()) <= 0) {
                return CRITICAL;
            }
            return value.compareTo(range.healthyBound()) >= 0 ? HEALTHY : AT_RISK;
        }
        if (value.compareTo(range.criticalBound()) >= 0) {
            return CRITICAL;
        }
        return value.compareTo(range.healthyBound()) <= 0 ? HEALTHY : AT_RISK;
    }
}
