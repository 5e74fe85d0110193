package com.accountsnapshot.snapshot.internal;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Rows in PostgreSQL's COPY text format, encoded as UTF-8 into a reusable byte array.
 *
 * <p>Fields are separated by tabs and rows end with a newline; {@code \N} is SQL null. In text values a
 * backslash, newline, carriage return and tab are written as {@code \\ \n \r \t}, the escapes COPY's text
 * format requires (everything else, quotes and non-ASCII included, is taken literally). Values are
 * appended without intermediate strings where possible, because a million-account portfolio has tens of
 * millions of rows. {@link #clear()} keeps the array, so a buffer reused per batch keeps the heap flat.
 */
public final class CopyBuffer {

    private byte[] bytes = new byte[1 << 16];
    private int size;
    private int rows;
    private boolean atRowStart = true;

    public int size() {
        return size;
    }

    public int rows() {
        return rows;
    }

    public byte[] bytes() {
        return bytes;
    }

    public void clear() {
        size = 0;
        rows = 0;
        atRowStart = true;
    }

    public CopyBuffer text(@Nullable String value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        ensure(value.length() * 4);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch < 0x80) {
                switch (ch) {
                    case '\\' -> escape('\\');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    case '\t' -> escape('t');
                    case '\0' -> throw new IllegalArgumentException("PostgreSQL text cannot hold NUL characters");
                    default -> bytes[size++] = (byte) ch;
                }
            } else if (ch < 0x800) {
                bytes[size++] = (byte) (0xC0 | ch >> 6);
                bytes[size++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(ch, value.charAt(++i));
                bytes[size++] = (byte) (0xF0 | codePoint >> 18);
                bytes[size++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                bytes[size++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(ch)) {
                bytes[size++] = '?'; // an unpaired surrogate, as String.getBytes(UTF_8) replaces it
            } else {
                bytes[size++] = (byte) (0xE0 | ch >> 12);
                bytes[size++] = (byte) (0x80 | ch >> 6 & 0x3F);
                bytes[size++] = (byte) (0x80 | ch & 0x3F);
            }
        }
        return this;
    }

    public CopyBuffer number(long value) {
        separator();
        appendLong(value);
        return this;
    }

    public CopyBuffer number(@Nullable Long value) {
        return value == null ? nullValue() : number(value.longValue());
    }

    /** A decimal with two places, given in hundredths: {@code 12345} is written {@code 123.45}. */
    public CopyBuffer hundredths(long value) {
        separator();
        ensure(24);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        appendLong(value / 100);
        bytes[size++] = '.';
        bytes[size++] = (byte) ('0' + value % 100 / 10);
        bytes[size++] = (byte) ('0' + value % 10);
        return this;
    }

    public CopyBuffer bool(boolean value) {
        separator();
        ensure(1);
        bytes[size++] = (byte) (value ? 't' : 'f');
        return this;
    }

    /** A timestamptz in UTC, {@code 2026-10-31 23:59:59+00}. */
    public CopyBuffer timestamp(long epochSecond) {
        separator();
        ensure(22);
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400L));
        int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
        digits(date.getYear(), 4);
        bytes[size++] = '-';
        digits(date.getMonthValue(), 2);
        bytes[size++] = '-';
        digits(date.getDayOfMonth(), 2);
        bytes[size++] = ' ';
        digits(secondOfDay / 3600, 2);
        bytes[size++] = ':';
        digits(secondOfDay / 60 % 60, 2);
        bytes[size++] = ':';
        digits(secondOfDay % 60, 2);
        bytes[size++] = '+';
        bytes[size++] = '0';
        bytes[size++] = '0';
        return this;
    }

    public CopyBuffer nullValue() {
        separator();
        ensure(2);
        bytes[size++] = '\\';
        bytes[size++] = 'N';
        return this;
    }

    public void endRow() {
        ensure(1);
        bytes[size++] = '\n';
        rows++;
        atRowStart = true;
    }

    private void separator() {
        if (atRowStart) {
            atRowStart = false;
        } else {
            ensure(1);
            bytes[size++] = '\t';
        }
    }

    private void escape(char code) {
        bytes[size++] = '\\';
        bytes[size++] = (byte) code;
    }

    private void appendLong(long value) {
        ensure(20);
        if (value < 0) {
            if (value == Long.MIN_VALUE) {
                throw new IllegalArgumentException("out of range: " + value);
            }
            bytes[size++] = '-';
            value = -value;
        }
        int start = size;
        do {
            bytes[size++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        for (int left = start, right = size - 1; left < right; left++, right--) {
            byte swap = bytes[left];
            bytes[left] = bytes[right];
            bytes[right] = swap;
        }
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bytes[size + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += width;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, size + extra)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
    }
}
