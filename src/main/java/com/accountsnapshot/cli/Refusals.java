package com.accountsnapshot.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

import com.accountsnapshot.job.InvalidSnapshotRequestException;
import com.accountsnapshot.run.RunRefusedException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Refusals: one line on standard error, {@code Refused: ...}, and exit code 2, or 3 for a run refused because an
 * overlapping one is going. Arguments that do not parse are refused before the application starts; parameters
 * that parse but cannot be run (an unknown account or execution id, a run that cannot be restarted) by the command.
 * An unknown command is answered with the usage.
 */
final class Refusals implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine command = ex.getCommandLine();
        PrintWriter err = command.getErr();
        String unknownCommand = unknownCommand(ex);
        if (unknownCommand != null) {
            err.println("Unknown command '" + unknownCommand + "'.");
            err.println();
            command.usage(err);
        }
        else {
            err.println("Refused: " + reason(ex));
        }
        err.flush();
        return ExitCodes.REFUSED_PARAMETERS;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) throws Exception {
        int exitCode;
        if (ex instanceof InvalidSnapshotRequestException || ex instanceof IllegalArgumentException) {
            exitCode = ExitCodes.REFUSED_PARAMETERS;
        }
        else if (ex instanceof RunRefusedException refused) {
            exitCode = refused.reason() == RunRefusedException.Reason.OVERLAP ? ExitCodes.REFUSED_OVERLAP
                    : ExitCodes.REFUSED_PARAMETERS;
        }
        else {
            throw ex;
        }
        command.getErr().println("Refused: " + ex.getMessage());
        command.getErr().flush();
        return exitCode;
    }

    /** The first word given with no command, when it is not an option: taken for a command that does not exist. */
    private static String unknownCommand(ParameterException ex) {
        if (!(ex instanceof UnmatchedArgumentException unmatched) || ex.getCommandLine().getParent() != null) {
            return null;
        }
        List<String> words = unmatched.getUnmatched();
        return words.isEmpty() || words.get(0).startsWith("-") ? null : words.get(0);
    }

    private static String reason(ParameterException ex) {
        CommandLine command = ex.getCommandLine();
        if (ex.getCause() instanceof InvalidSnapshotRequestException invalid) {
            return invalid.getMessage();
        }
        if (ex.getCause() instanceof TypeConversionException invalid && ex.getArgSpec() != null) {
            return where(ex.getArgSpec(), command) + ": " + invalid.getMessage();
        }
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            if (!word.startsWith("-")) {
                return command.getCommandName() + ": unexpected argument '" + word + "'";
            }
            String known = command.getCommandSpec().options().stream().filter(option -> !option.usageHelp())
                    .map(OptionSpec::longestName).sorted().collect(Collectors.joining(", "));
            return word.split("=", 2)[0] + ": unknown option; "
                    + (known.isEmpty() ? "this command takes none" : "known: " + known);
        }
        if (ex instanceof MissingParameterException missing && !missing.getMissing().isEmpty()) {
            ArgSpec first = missing.getMissing().get(0);
            // the only parameters are execution ids (restart ID, stop ID, ...)
            return first.isOption() ? ((OptionSpec) first).longestName() + ": missing; " + first.description()[0]
                    : command.getCommandName() + ": the execution id is missing (usage: " + command.getCommandName()
                            + " ID)";
        }
        return ex.getMessage();
    }

    private static String where(ArgSpec arg, CommandLine command) {
        return arg.isOption() ? ((OptionSpec) arg).longestName() : command.getCommandName();
    }
}
