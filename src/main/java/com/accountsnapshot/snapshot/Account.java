package com.accountsnapshot.snapshot;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code accounts}, as the snapshot job reads it.
 *
 * @param profileMetadata the raw {@code profile_metadata} JSON text, or null when the column is null
 */
public record Account(
        long accountId,
        long customerId,
        String accountName,
        @Nullable BigDecimal revenue,
        @Nullable String accountStatus,
        @Nullable String industry,
        @Nullable String region,
        @Nullable String externalAccountId,
        @Nullable String profileMetadata) {
}
