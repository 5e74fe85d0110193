package com.accountsnapshot.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;

/** Reads a command's {@code --option=value} arguments, refusing options it does not know. */
final class Options {

    private Options() {
    }

    /**
     * The options given, by name. An option given without a value (e.g. {@code --force}) reads as
     * {@code true}. Spring properties (names with a dot, e.g. {@code --server.port=8081} or
     * {@code --account-snapshot.job.chunk-size=1000}) pass through to the application.
     *
     * @throws IllegalArgumentException naming an unknown or repeated option
     */
    static Map<String, String> read(ApplicationArguments arguments, Set<String> known) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : arguments.getOptionNames()) {
            if (name.contains(".")) {
                continue;
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--" + name + ": unknown option; " + (known.isEmpty()
                        ? "this command takes none" : "known: --" + String.join(", --", known.stream().sorted().toList())));
            }
            List<String> values = arguments.getOptionValues(name);
            if (values.size() > 1) {
                throw new IllegalArgumentException("--" + name + ": given more than once");
            }
            options.put(name, values.isEmpty() ? "true" : values.get(0));
        }
        return options;
    }

    /** The command's single positional argument after its name (e.g. the ID of {@code restart ID}). */
    static @Nullable String positional(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        return words.size() > 1 ? words.get(1) : null;
    }
}
