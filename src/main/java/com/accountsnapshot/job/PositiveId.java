package com.accountsnapshot.job;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/** An id as runs, accounts and customers are named in text: a positive whole number of at most 18 digits. */
public final class PositiveId {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private PositiveId() {
    }

    /** The id {@code text} spells, or empty when it is not a positive whole number of at most 18 digits. */
    public static OptionalLong parse(String text) {
        if (!DIGITS.matcher(text).matches()) {
            return OptionalLong.empty();
        }
        long id = Long.parseLong(text);
        return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }
}
