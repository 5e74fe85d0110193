package com.accountsnapshot.cli;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.accountsnapshot.AccountSnapshotApplication;
import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.run.RunRefusedException;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Dispatches the first non-option argument to its {@link Command} and keeps its result as the exit code.
 * Refused parameters are one line on standard error and exit code 2.
 */
@Component
@ConditionalOnProperty(AccountSnapshotApplication.COMMAND_LINE_PROPERTY)
class CommandLine implements ApplicationRunner, ExitCodeGenerator {

    private final Map<String, Command> commands;

    private final Console console = Console.system();

    private int exitCode;

    CommandLine(List<Command> commands) {
        this.commands = commands.stream().collect(Collectors.toMap(Command::name, Function.identity()));
    }

    @Override
    public void run(ApplicationArguments arguments) throws Exception {
        List<String> words = arguments.getNonOptionArgs();
        String name = words.isEmpty() ? "" : words.get(0);
        Command command = commands.get(name);
        if (command == null || (name.isEmpty() && arguments.containsOption("help"))) {
            exitCode = command == null ? Command.REFUSED_PARAMETERS : Command.COMPLETED;
            (command == null ? console.err() : console.out()).println((command == null
                    ? "Unknown command '" + name + "'.\n\n" : "") + usage());
            return;
        }
        if (arguments.containsOption("help")) {
            console.out().println(command.help());
            exitCode = Command.COMPLETED;
            return;
        }
        try {
            exitCode = command.execute(arguments, console);
        }
        catch (InvalidSnapshotRequestException | IllegalArgumentException ex) {
            console.err().println("Refused: " + ex.getMessage());
            exitCode = Command.REFUSED_PARAMETERS;
        }
        catch (RunRefusedException ex) {
            console.err().println("Refused: " + ex.getMessage());
            exitCode = ex.reason() == RunRefusedException.Reason.OVERLAP ? Command.REFUSED_OVERLAP
                    : Command.REFUSED_PARAMETERS;
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private String usage() {
        StringBuilder usage = new StringBuilder("Usage: java -jar account-snapshot.jar COMMAND [--option=value ...]\n"
                + "Commands (each takes --help):\n");
        commands.values().stream().filter(command -> !command.name().isEmpty())
                .sorted(java.util.Comparator.comparing(Command::name))
                .forEach(command -> usage.append("  ").append(command.help().lines().findFirst().orElse(""))
                        .append('\n'));
        usage.append("With no command: generate a demo portfolio if the database has no accounts, then run a "
                + "full-portfolio snapshot.");
        return usage.toString();
    }
}
