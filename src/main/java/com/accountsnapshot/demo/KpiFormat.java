package com.accountsnapshot.demo;

import java.util.SplittableRandom;

/**
 * How a KPI's value is written into {@code kpis.data}, with the variety a spreadsheet upload brings:
 * {@code 85%}, {@code $2.5K}, {@code 1,200}, {@code 3 days}, {@code 12 hours}, {@code 4.5}, {@code -2}.
 * Every text produced here is parseable by docs/snapshot-fields.md#kpi-health-rules's rules; unparseable values are chosen elsewhere.
 * Formatting is by hand, never through a {@code Locale}, so the text is the same on every machine.
 */
enum KpiFormat {

    PERCENT {
        @Override
        String format(double value, SplittableRandom random) {
            int style = random.nextInt(20);
            if (style < 12) {
                return Math.round(value) + "%";
            }
            return style < 17 ? tenths(value) + "%" : Long.toString(Math.round(value));
        }
    },
    SCORE {
        @Override
        String format(double value, SplittableRandom random) {
            return Long.toString(Math.round(value));
        }
    },
    DECIMAL {
        @Override
        String format(double value, SplittableRandom random) {
            return random.nextInt(5) == 0 ? Long.toString(Math.round(value)) : tenths(value);
        }
    },
    USERS {
        @Override
        String format(double value, SplittableRandom random) {
            long users = Math.round(value);
            int style = random.nextInt(4);
            if (style == 0) {
                return users + " users";
            }
            return style == 1 ? Long.toString(users) : grouped(users);
        }
    },
    COUNT {
        @Override
        String format(double value, SplittableRandom random) {
            long count = Math.round(value);
            return random.nextBoolean() ? grouped(count) : Long.toString(count);
        }
    },
    DAYS {
        @Override
        String format(double value, SplittableRandom random) {
            long days = Math.round(value);
            if (random.nextInt(10) < 3) {
                return Long.toString(days);
            }
            return days == 1 ? "1 day" : days + " days";
        }
    },
    HOURS {
        @Override
        String format(double value, SplittableRandom random) {
            int style = random.nextInt(20);
            if (style < 12) {
                return Math.round(value) + " hours";
            }
            return style < 15 ? tenths(value) + " hours" : Long.toString(Math.round(value));
        }
    },
    MONEY {
        @Override
        String format(double value, SplittableRandom random) {
            long dollars = Math.round(value);
            int style = random.nextInt(20);
            if (dollars >= 1_000_000 && style < 12) {
                return "$" + tenths(value / 1_000_000) + "M";
            }
            if (dollars >= 1_000 && style < 9) {
                return "$" + tenths(value / 1_000) + (style < 7 ? "K" : "k");
            }
            if (style < 16) {
                return "$" + grouped(dollars);
            }
            if (style < 19) {
                return Long.toString(dollars);
            }
            long cents = Math.round(value * 100);
            return "$" + cents / 100 + "." + cents % 100 / 10 + cents % 10;
        }
    };

    abstract String format(double value, SplittableRandom random);

    /** One decimal place, half up: {@code 4.45 -> "4.5"}, {@code -0.04 -> "0.0"}. */
    static String tenths(double value) {
        long tenths = Math.round(value * 10);
        String sign = tenths < 0 ? "-" : "";
        long magnitude = Math.abs(tenths);
        return sign + magnitude / 10 + "." + magnitude % 10;
    }

    /** Thousands separated by commas: {@code 1200 -> "1,200"}. */
    static String grouped(long value) {
        String digits = Long.toString(Math.abs(value));
        StringBuilder text = new StringBuilder(digits.length() + digits.length() / 3 + 1);
        if (value < 0) {
            text.append('-');
        }
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                text.append(',');
            }
            text.append(digits.charAt(i));
        }
        return text.toString();
    }
}
