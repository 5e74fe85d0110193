package com.accountsnapshot.cli;

import java.util.List;
import java.util.function.Consumer;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT (Ctrl-C) as a request to stop, handed to the command, instead of the JVM's shutdown: the
 * JVM would close the application context under whatever is running and exit with 143 or 130 whatever the
 * outcome. The JDK has no public API for this; {@code sun.misc.Signal} (module {@code jdk.unsupported}) is the
 * one meant for applications. A signal that cannot be handled here (an unknown name, or one the JVM keeps, as
 * with {@code -Xrs}) keeps its default: the JVM's shutdown.
 */
final class StopSignals {

    private static final List<String> NAMES = List.of("TERM", "INT");

    private StopSignals() {
    }

    /** From now on, SIGTERM and SIGINT call {@code onSignal} with the signal's name (e.g. SIGTERM). */
    static void handle(Consumer<String> onSignal) {
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal.accept("SIG" + signal.getName()));
            }
            catch (IllegalArgumentException ex) {
                // not available on this platform or kept by the JVM: the JVM's shutdown stops the command
            }
        }
    }
}
