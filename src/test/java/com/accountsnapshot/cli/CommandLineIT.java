package com.accountsnapshot.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line answers {@code --help} and arguments it cannot use before the application starts, with the
 * packaged jar as a real process on a fresh machine: an empty home and no database configured, so that an
 * application that started would create the embedded PostgreSQL's data directory in that home.
 */
class CommandLineIT {

    @TempDir
    Path home;

    @Test
    void helpPrintsTheUsageAndStartsNothing() throws Exception {
        JarProcess help = JarProcess.runWithoutDatabase(home, "--help");

        assertThat(help.exitCode()).as(help.out() + help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar account-snapshot.jar [-h] [COMMAND]")
                .contains("Commands (each takes --help):")
                .containsPattern("\n  restart +Resume a FAILED or STOPPED run after its last");
        assertThat(help.err()).isEmpty();
        assertNothingStarted();
    }

    @Test
    void helpOfACommandPrintsItsOptionsAndExitCodes() throws Exception {
        JarProcess help = JarProcess.runWithoutDatabase(home, "run", "--help");

        assertThat(help.exitCode()).as(help.out() + help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar account-snapshot.jar run [-h] [--force[=true|false]]")
                .contains("      --as-of=INSTANT        ISO-8601 instant the snapshots describe (default:")
                .contains("Exit codes: 0 completed, 1 failed or stopped, 2 refused parameters, 3 a run in");
        assertNothingStarted();
    }

    @Test
    void unusableArgumentsAreRefusedWithExitCodeTwoBeforeAnythingStarts() throws Exception {
        JarProcess unknownOption = JarProcess.runWithoutDatabase(home, "run", "--acount-id=3");
        JarProcess malformedAsOf = JarProcess.runWithoutDatabase(home, "run", "--as-of=yesterday");
        JarProcess missingId = JarProcess.runWithoutDatabase(home, "restart");
        JarProcess unknownCommand = JarProcess.runWithoutDatabase(home, "snapshot");

        assertThat(unknownOption.exitCode()).as(unknownOption.out() + unknownOption.err()).isEqualTo(2);
        assertThat(unknownOption.err().strip()).isEqualTo("Refused: --acount-id: unknown option; known: --account-id, "
                + "--as-of, --customer-id, --force, --reason, --trigger-event, --type");
        assertThat(malformedAsOf.exitCode()).as(malformedAsOf.out() + malformedAsOf.err()).isEqualTo(2);
        assertThat(malformedAsOf.err().strip()).isEqualTo("Refused: asOf: 'yesterday' is not an ISO-8601 instant "
                + "such as 2026-11-28T02:00:00Z");
        assertThat(missingId.exitCode()).as(missingId.out() + missingId.err()).isEqualTo(2);
        assertThat(missingId.err().strip()).isEqualTo("Refused: restart: the execution id is missing (usage: "
                + "restart ID)");
        assertThat(unknownCommand.exitCode()).as(unknownCommand.out() + unknownCommand.err()).isEqualTo(2);
        assertThat(unknownCommand.err()).startsWith("Unknown command 'snapshot'.\n\nUsage: java -jar "
                + "account-snapshot.jar [-h] [COMMAND]");
        assertThat(unknownOption.out() + malformedAsOf.out() + missingId.out() + unknownCommand.out()).isEmpty();
        assertNothingStarted();
    }

    /** The embedded PostgreSQL's data directory would be under the home, the application's log on the output. */
    private void assertNothingStarted() throws Exception {
        assertThat(home.resolve(".account-snapshot")).doesNotExist();
        try (var entries = Files.list(home)) {
            assertThat(entries).isEmpty();
        }
    }
}
