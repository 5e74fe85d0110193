package com.accountsnapshot.snapshot;

import java.math.BigDecimal;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads a KPI's {@code data} text as a number (docs/snapshot-fields.md#kpi-health-rules, "Value"); anything it cannot read is unscored.
 * The steps run in a fixed order, each at most once: trim, drop a trailing unit word, drop a leading
 * {@code $}, drop a trailing {@code %}, apply a {@code K}/{@code M} suffix, delete {@code ,} separators.
 */
final class KpiValueParser {

    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1_000);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private KpiValueParser() {
    }

    /** The value of {@code data}, or empty when it is unscored (null, blank, text, {@code 1e3}, {@code +5}, ...). */
    static Optional<BigDecimal> parse(@Nullable String data) {
        if (data == null) {
            return Optional.empty();
        }
        String text = withoutTrailingUnitWord(data.trim());
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
        if (!isPlainNumber(text)) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text).multiply(multiplier));
    }

    /**
     * The text without a final run of whitespace followed by ASCII letters up to its end ({@code "40 users"}
     * becomes {@code "40"}), as the regular expression {@code \s+[A-Za-z]+\z} would remove it; scanned
     * by hand because it runs for every KPI of every account.
     */
    static String withoutTrailingUnitWord(String text) {
        int letters = text.length();
        while (letters > 0 && isAsciiLetter(text.charAt(letters - 1))) {
            letters--;
        }
        int space = letters;
        while (space > 0 && isRegexSpace(text.charAt(space - 1))) {
            space--;
        }
        boolean unitWord = letters < text.length() && space < letters;
        return unitWord ? text.substring(0, space) : text;
    }

    /** Whether the whole text is {@code -?[0-9]+(\.[0-9]+)?}. */
    static boolean isPlainNumber(String text) {
        int at = text.startsWith("-") ? 1 : 0;
        int integerDigits = digits(text, at);
        if (integerDigits == 0) {
            return false;
        }
        at += integerDigits;
        if (at == text.length()) {
            return true;
        }
        if (text.charAt(at) != '.') {
            return false;
        }
        int fractionDigits = digits(text, at + 1);
        return fractionDigits > 0 && at + 1 + fractionDigits == text.length();
    }

    private static int digits(String text, int from) {
        int at = from;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - from;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** The characters of {@code \s} in a Java regular expression: space, tab, LF, VT, FF, CR. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
