package com.accountsnapshot.api;

import java.util.regex.Pattern;

/** Reads ids and paging values from paths and query strings, refusing what is not one. */
final class RequestValues {

    /** The most rows one answer holds. */
    static final int MAX_SIZE = 200;

    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private RequestValues() {
    }

    /** A positive id of at most 18 digits, like the job parameters take (SPEC §3). */
    static long id(String field, String text) {
        if (!ID.matcher(text).matches() || Long.parseLong(text) == 0) {
            throw new BadRequestException(field, "'" + text + "' is not a positive whole number");
        }
        return Long.parseLong(text);
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
