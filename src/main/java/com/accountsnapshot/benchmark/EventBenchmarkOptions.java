package com.accountsnapshot.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.convert.DurationStyle;

/**
 * What the events benchmark measures: a generated portfolio of {@code accounts} accounts from {@code seed},
 * {@code events} events on each way in and in each burst, whether a database that already holds data may be emptied
 * first, and the quiet periods whose bursts are measured, each in a {@code serve} of its own (empty: the product's
 * default).
 */
public record EventBenchmarkOptions(int accounts, long seed, int events, boolean reset,
        List<Optional<Duration>> quietPeriods) {

    public static final int DEFAULT_ACCOUNTS = 2_000;

    public static final int DEFAULT_EVENTS = 10_000;

    /** The largest array {@code POST /api/events} takes. */
    public static final int MAX_EVENTS = 10_000;

    public static final String DEFAULT_QUIET_PERIODS = "default,1s";

    public EventBenchmarkOptions {
        if (accounts < 1) {
            throw new IllegalArgumentException("--accounts: give at least 1 account, not " + accounts);
        }
        if (events < 1 || events > MAX_EVENTS) {
            throw new IllegalArgumentException("--events: give 1 to " + MAX_EVENTS + " events, not " + events);
        }
        if (quietPeriods.isEmpty()) {
            throw new IllegalArgumentException("--quiet-periods: give at least one");
        }
        quietPeriods = List.copyOf(quietPeriods);
    }

    /**
     * Reads the command line's {@code --accounts=N --seed=S --events=E --reset --quiet-periods=default,1s}.
     *
     * @throws IllegalArgumentException naming the option that cannot be used
     */
    public static EventBenchmarkOptions parse(Map<String, String> options) {
        int accounts = (int) BenchmarkOptions.number(options, "accounts", DEFAULT_ACCOUNTS, 1, 99_999_999);
        long seed = BenchmarkOptions.number(options, "seed", BenchmarkOptions.DEFAULT_SEED, Long.MIN_VALUE,
                Long.MAX_VALUE);
        int events = (int) BenchmarkOptions.number(options, "events", DEFAULT_EVENTS, 1, MAX_EVENTS);
        String reset = options.getOrDefault("reset", "false");
        if (!reset.equals("true") && !reset.equals("false")) {
            throw new IllegalArgumentException("--reset: '" + reset + "' is not true or false");
        }
        List<Optional<Duration>> quietPeriods = new ArrayList<>();
        for (String text : options.getOrDefault("quiet-periods", DEFAULT_QUIET_PERIODS).split(",", -1)) {
            quietPeriods.add(quietPeriod(text.trim()));
        }
        return new EventBenchmarkOptions(accounts, seed, events, Boolean.parseBoolean(reset), quietPeriods);
    }

    private static Optional<Duration> quietPeriod(String text) {
        if (text.equals("default")) {
            return Optional.empty();
        }
        try {
            Duration quietPeriod = DurationStyle.detectAndParse(text);
            if (!quietPeriod.isNegative() && !quietPeriod.isZero()) {
                return Optional.of(quietPeriod);
            }
        }
        catch (IllegalArgumentException ex) {
            // refused below
        }
        throw new IllegalArgumentException("--quiet-periods: '" + text + "' is neither default nor a positive "
                + "duration such as 1s or 500ms");
    }
}
