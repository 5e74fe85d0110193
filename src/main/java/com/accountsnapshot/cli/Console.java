package com.accountsnapshot.cli;

import java.io.PrintStream;

/** Where commands write: results to standard output, refusals and errors to standard error. */
record Console(PrintStream out, PrintStream err) {

    static Console system() {
        return new Console(System.out, System.err);
    }
}
