package com.accountsnapshot.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of one invocation, split between the command line and the application: an option whose name has
 * a dot ({@code --server.port=8081}, {@code --account-snapshot.job.chunk-size=1000},
 * {@code --spring.datasource.url=...}) is a Spring property and goes to the application; the rest (the command,
 * its options and parameters) to the command line.
 */
record SpringArguments(List<String> command, List<String> application) {

    static SpringArguments split(String... args) {
        List<String> command = new ArrayList<>();
        List<String> application = new ArrayList<>();
        for (String arg : args) {
            (isProperty(arg) ? application : command).add(arg);
        }
        return new SpringArguments(List.copyOf(command), List.copyOf(application));
    }

    private static boolean isProperty(String arg) {
        if (!arg.startsWith("--")) {
            return false;
        }
        int end = arg.indexOf('=');
        return (end < 0 ? arg : arg.substring(0, end)).contains(".");
    }
}
