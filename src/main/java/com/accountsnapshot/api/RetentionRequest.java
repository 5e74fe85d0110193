package com.accountsnapshot.api;

import org.jspecify.annotations.Nullable;

/** The body of {@code POST /api/maintenance/retention}: {@code {"apply": true}} does it; without, a dry run. */
@SnakeCase
record RetentionRequest(@Nullable Boolean apply) {

    boolean applied() {
        return Boolean.TRUE.equals(apply);
    }
}
