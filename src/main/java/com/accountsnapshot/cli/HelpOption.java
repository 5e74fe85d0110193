package com.accountsnapshot.cli;

import picocli.CommandLine.Option;

/** {@code --help} of every command: its usage, answered before the application starts. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean requested;
}
