package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The magnitudes the snapshot's decimal columns can hold (docs/snapshot-fields.md). A value that does not fit, once rounded
 * to 2 places, is stored as null with a warning (docs/snapshot-fields.md#bad-source-data) rather than failing its chunk's insert.
 */
final class ColumnLimits {

    /** The exclusive magnitude limits of numeric(5,2), numeric(15,2) and numeric(12,2). */
    static final BigDecimal SCORE = BigDecimal.TEN.pow(3);

    static final BigDecimal MONEY = BigDecimal.TEN.pow(13);

    static final BigDecimal PERCENT = BigDecimal.TEN.pow(10);

    private ColumnLimits() {
    }

    /** The value when its magnitude is below {@code limit}; otherwise null, with a warning naming the field. */
    static @Nullable BigDecimal fitting(@Nullable BigDecimal value, BigDecimal limit, String field,
            String columnType, List<SnapshotIssue> warnings) {
        if (value == null || value.abs().compareTo(limit) < 0) {
            return value;
        }
        warnings.add(SnapshotIssue.warning(field, field + " of " + value.toPlainString() + " does not fit "
                + columnType + "; stored as null", value.toPlainString()));
        return null;
    }
}
