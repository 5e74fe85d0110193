package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/** The snapshot fields read from {@code profile_metadata} (docs/snapshot-fields.md). */
public record ProfileFields(
        @Nullable String accountTier,
        @Nullable String assignedCsm,
        @Nullable String csmManager,
        @Nullable String accountOwner,
        @Nullable String lifecycleStage,
        @Nullable String onboardingStatus,
        @Nullable LocalDate lastQbrDate,
        @Nullable LocalDate nextQbrDate,
        @Nullable BigDecimal engagementScore,
        @Nullable String primaryChampion,
        @Nullable String championStatus,
        @Nullable Integer stakeholderCount) {
}
