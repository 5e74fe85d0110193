package com.accountsnapshot.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The {@code wait} preference of RFC 7240 ({@code Prefer: wait=10}, also among others: {@code Prefer:
 * respond-async, wait=10}): how many seconds the client would wait for the answer. A preference that is not a
 * whole number of seconds is ignored, as the RFC lets a server ignore what it cannot honour.
 */
final class WaitPreference {

    static final String PREFER = "Prefer";

    static final String PREFERENCE_APPLIED = "Preference-Applied";

    private static final Pattern WAIT = Pattern.compile("\\s*wait\\s*=\\s*\"?([0-9]{1,9})\"?\\s*",
            Pattern.CASE_INSENSITIVE);

    private WaitPreference() {
    }

    /** The first {@code wait} preference of the Prefer header values (each may hold several, comma separated). */
    static Optional<Duration> of(@Nullable List<String> preferHeaders) {
        if (preferHeaders == null) {
            return Optional.empty();
        }
        for (String header : preferHeaders) {
            for (String preference : header.split(",")) {
                // a preference's own parameters follow a semicolon
                Matcher wait = WAIT.matcher(preference.split(";", 2)[0]);
                if (wait.matches()) {
                    return Optional.of(Duration.ofSeconds(Long.parseLong(wait.group(1))));
                }
            }
        }
        return Optional.empty();
    }

    /** The Preference-Applied value for a wait that was honoured. */
    static String applied(Duration wait) {
        return "wait=" + wait.toSeconds();
    }
}
