package com.accountsnapshot.snapshot;

/**
 * Trimmed, case-insensitive comparison of a text with lower-case ASCII keywords without building new strings, for
 * the values read per KPI (tens of millions on a large portfolio). For ASCII text it decides exactly as
 * {@code text.trim().toLowerCase(Locale.ROOT)} compared with the keyword would; callers take that way for any
 * other text.
 */
final class AsciiText {

    private AsciiText() {
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Where the text starts once trimmed as {@link String#trim()} trims. */
    static int trimmedStart(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    /** Where the text ends once trimmed as {@link String#trim()} trims, given where it starts. */
    static int trimmedEnd(String text, int start) {
        int end = text.length();
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    /** Whether {@code text[start, end)} is the lower-case ASCII keyword, ignoring ASCII case. */
    static boolean is(String text, int start, int end, String keyword) {
        return end - start == keyword.length() && text.regionMatches(true, start, keyword, 0, keyword.length());
    }

    /** Whether {@code text[start, end)} ends with the lower-case ASCII keyword, ignoring ASCII case. */
    static boolean endsWith(String text, int start, int end, String keyword) {
        return end - start >= keyword.length()
                && text.regionMatches(true, end - keyword.length(), keyword, 0, keyword.length());
    }
}
