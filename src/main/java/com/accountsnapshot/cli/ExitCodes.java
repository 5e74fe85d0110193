package com.accountsnapshot.cli;

/** The process's exit codes, the same for every command. */
final class ExitCodes {

    static final int COMPLETED = 0;

    static final int FAILED = 1;

    static final int REFUSED_PARAMETERS = 2;

    static final int REFUSED_OVERLAP = 3;

    /** The footer of a usage, for commands whose exit codes are these. */
    static final String RUN_FOOTER = "Exit codes: 0 completed, 1 failed or stopped, 2 refused parameters, "
            + "3 a run in scope is going";

    private ExitCodes() {
    }
}
