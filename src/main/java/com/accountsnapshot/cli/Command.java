package com.accountsnapshot.cli;

import org.springframework.boot.ApplicationArguments;

/** One command of the command line; its result is the process's exit code. */
interface Command {

    int COMPLETED = 0;
    int FAILED = 1;
    int REFUSED_PARAMETERS = 2;
    int REFUSED_OVERLAP = 3;

    /** The word that selects it, e.g. {@code run}; empty for what runs when no command is given. */
    String name();

    /** Usage and options, printed by {@code --help}. */
    String help();

    int execute(ApplicationArguments arguments, Console console) throws Exception;
}
