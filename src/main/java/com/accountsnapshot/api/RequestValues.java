package com.accountsnapshot.api;

import com.accountsnapshot.job.PositiveId;

/** Reads ids and paging values from paths and query strings, refusing what is not one. */
final class RequestValues {

    /** The most rows one answer holds. */
    static final int MAX_SIZE = 200;

    private RequestValues() {
    }

    /** A positive id of at most 18 digits, like the job parameters take (docs/operations.md#run-parameters). */
    static long id(String field, String text) {
        return PositiveId.parse(text).orElseThrow(() -> new BadRequestException(field,
                "'" + text + "' is not a positive whole number"));
    }

    static int page(int page) {
        if (page < 0) {
            throw new BadRequestException("page", page + " is negative");
        }
        return page;
    }

    /** At least 1; larger than {@link #MAX_SIZE} is read as {@link #MAX_SIZE}. */
    static int size(String field, int size) {
        if (size < 1) {
            throw new BadRequestException(field, size + " is not a positive number");
        }
        return Math.min(size, MAX_SIZE);
    }
}
