package com.accountsnapshot.benchmark;

import java.util.Map;

/**
 * What to benchmark: a generated portfolio of {@code accounts} accounts from {@code seed}, the naive contender
 * run on the first {@code naiveSample} of them, whether a database that already holds data may be emptied
 * first, and how many worker processes the remote-partitioning contender starts (0: none, it is skipped). With
 * {@code historyMonths} above 0 it measures instead the job after one month and after that many months of prior
 * history ({@link HistoryDepth}).
 */
public record BenchmarkOptions(int accounts, long seed, int naiveSample, boolean reset, int workers,
        int historyMonths) {

    public static final int DEFAULT_ACCOUNTS = 100_000;

    public static final long DEFAULT_SEED = 42;

    public static final int DEFAULT_NAIVE_SAMPLE = 2_000;

    public static final int DEFAULT_WORKERS = 2;

    /** Each worker is a JVM of its own: more than this on one machine measures nothing but contention. */
    public static final int MAX_WORKERS = 32;

    /** The most months of prior history the history measurement generates. */
    public static final int MAX_HISTORY_MONTHS = 120;

    public BenchmarkOptions(int accounts, long seed, int naiveSample, boolean reset, int workers) {
        this(accounts, seed, naiveSample, reset, workers, 0);
    }

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
        if (historyMonths == 1 || historyMonths < 0 || historyMonths > MAX_HISTORY_MONTHS) {
            throw new IllegalArgumentException("--history-months: give 2 to " + MAX_HISTORY_MONTHS
                    + " months (or 0, the default, for the contenders), not " + historyMonths);
        }
    }

    /**
     * Reads the command line's {@code --accounts=N --seed=S --naive-sample=K --reset --workers=W
     * --history-months=M}.
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
        int historyMonths = (int) number(options, "history-months", 0, 0, MAX_HISTORY_MONTHS);
        return new BenchmarkOptions(accounts, seed, naiveSample, Boolean.parseBoolean(reset), workers,
                historyMonths);
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
