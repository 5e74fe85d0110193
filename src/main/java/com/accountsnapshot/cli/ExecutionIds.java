package com.accountsnapshot.cli;

import org.springframework.boot.ApplicationArguments;

/** Reads the execution id that follows a command's name ({@code restart ID}). */
final class ExecutionIds {

    private ExecutionIds() {
    }

    /** @throws IllegalArgumentException when the id is missing or not a positive whole number */
    static long required(ApplicationArguments arguments, String command) {
        String id = Options.positional(arguments);
        if (id == null) {
            throw new IllegalArgumentException(command + ": the execution id is missing (usage: " + command + " ID)");
        }
        if (!id.matches("[0-9]{1,18}") || Long.parseLong(id) == 0) {
            throw new IllegalArgumentException(command + ": '" + id + "' is not an execution id");
        }
        return Long.parseLong(id);
    }
}
