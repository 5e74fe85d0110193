package com.accountsnapshot.benchmark;

import java.util.Map;

/**
 * What to benchmark: a generated portfolio of {@code accounts} accounts from {@code seed}, the naive contender
 * run on the first {@code naiveSample} of them, whether a database that already holds data may be emptied
 * first, and how many worker processes the remote-partitioning contender starts (0: none, it is skipped).
 */
public record BenchmarkOptions(int accounts, long seed, int naiveSample, boolean reset, int workers) {

    public static final int DEFAULT_ACCOUNTS = 100_000;

    public static final long DEFAULT_SEED = 42;

    public static final int DEFAULT_NAIVE_SAMPLE = 2_000;

    public static final int DEFAULT_WORKERS = 2;

    /** Each worker is a JVM of its own: more than this on one machine measures nothing but contention. */
    public static final int MAX_WORKERS = 32;

    public BenchmarkOptions {
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts: give at least 1 account, not " + accounts);
        }
        if (naiveSample < 1) {
            throw new IllegalArgumentException("--naive-sample: give at least 1 account, not " + naiveSample);
        }
        if (workers < 0 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("--workers: give 0 to " + MAX_WORKERS + " workers, not " + workers);
        }
    }

    /**
     * Reads the command line's {@code --accounts=N --seed=S --naive-sample=K --reset --workers=W}.
     *
     * @throws IllegalArgumentException naming the option that is not a number in range
     */
    public static BenchmarkOptions parse(Map<String, String> options) {
        int accounts = (int) number(options, "accounts", DEFAULT_ACCOUNTS, 1, 99_999_999);
        long seed = number(options, "seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE);
        int naiveSample = (int) number(options, "naive-sample", DEFAULT_NAIVE_SAMPLE, 1, 99_999_999);
        String reset = options.getOrDefault("reset", "false");
        if (!reset.equals("true") && !reset.equals("false")) {
            throw new IllegalArgumentException("--reset: '" + reset + "' is not true or false");
        }
        int workers = (int) number(options, "workers", DEFAULT_WORKERS, 0, MAX_WORKERS);
        return new BenchmarkOptions(accounts, seed, naiveSample, Boolean.parseBoolean(reset), workers);
    }

    /** The naive sample, at most the whole portfolio. */
    int naiveAccounts() {
        return Math.min(naiveSample, accounts);
    }

    static long number(Map<String, String> options, String name, long fallback, long min, long max) {
        String text = options.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        }
        catch (NumberFormatException ex) {
            // refused below
        }
        throw new IllegalArgumentException("--" + name + ": '" + text + "' is not a whole number from " + min
                + " to " + max);
    }
}
