package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads a KPI's {@code data} text as a number (SPEC §6, "Value"); anything it cannot read is unscored.
 * The steps run in a fixed order, each at most once: trim, drop a trailing unit word, drop a leading
 * {@code $}, drop a trailing {@code %}, apply a {@code K}/{@code M} suffix, delete {@code ,} separators.
 */
final class KpiValueParser {

    // \z rather than $: $ would also match before a final line terminator
    private static final Pattern TRAILING_UNIT_WORD = Pattern.compile("\\s+[A-Za-z]+\\z");

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private KpiValueParser() {
    }

    /** The value of {@code data}, or empty when it is unscored (null, blank, text, {@code 1e3}, {@code +5}, ...). */
    static Optional<BigDecimal> parse(@Nullable String data) {
        if (data == null) {
            return Optional.empty();
        }
        String text = TRAILING_UNIT_WORD.matcher(data.trim()).replaceFirst("");
        if (text.startsWith("$")) {
            text = text.substring(1);
        }
        if (text.endsWith("%")) {
            text = text.substring(0, text.length() - 1);
        }
        BigDecimal multiplier = BigDecimal.ONE;
        if (text.endsWith("K") || text.endsWith("k")) {
            multiplier = THOUSAND;
            text = text.substring(0, text.length() - 1);
        }
        else if (text.endsWith("M") || text.endsWith("m")) {
            multiplier = MILLION;
            text = text.substring(0, text.length() - 1);
        }
        text = text.replace(",", "");
        if (!PLAIN_NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text).multiply(multiplier));
    }
}
