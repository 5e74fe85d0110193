package com.accountsnapshot.cli;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line, {@code java -jar account-snapshot.jar [COMMAND] [--option=value ...]}: parsed (picocli)
 * before the application starts, so that {@code --help} and arguments that cannot be used are answered without
 * starting Spring or the database. A command that parses runs in the started application, with its collaborators
 * injected, in this thread; its result is the process's exit code ({@link ExitCodes}).
 */
public final class CommandLineApplication {

    private final Class<?> application;

    private final SpringArguments arguments;

    private final CommandShutdown shutdown = new CommandShutdown();

    private CommandLineApplication(Class<?> application, SpringArguments arguments) {
        this.application = application;
        this.arguments = arguments;
    }

    /**
     * Runs the command the arguments name in the application {@code application}; returns the exit code, once
     * the command has ended. {@code System.exit} with it closes the application.
     */
    public static int run(Class<?> application, String... args) {
        return new CommandLineApplication(application, SpringArguments.split(args)).run();
    }

    private int run() {
        Refusals refusals = new Refusals();
        CommandLine commandLine = new CommandLine(new AccountSnapshotCommand())
                .setParameterExceptionHandler(refusals)
                .setExecutionExceptionHandler(refusals)
                .setExecutionStrategy(this::startAndExecute);
        shutdown.install();
        return shutdown.ended(commandLine.execute(arguments.command().toArray(String[]::new)));
    }

    private int startAndExecute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        List<CommandLine> commands = parsed.asCommandLineList();
        CommandLine leaf = commands.get(commands.size() - 1);
        Object command = leaf.getCommand();
        SpringApplication spring = new SpringApplication(application);
        spring.setWebApplicationType(WebApplicationType.NONE);
        spring.setRegisterShutdownHook(false);
        spring.addInitializers(context -> context.getBeanFactory().registerSingleton("commandShutdown", shutdown));
        if (command instanceof ApplicationSetup setup) {
            try {
                setup.check();
            }
            catch (IllegalArgumentException ex) {
                throw new ParameterException(leaf, ex.getMessage(), ex);
            }
            setup.configure(spring);
        }
        ConfigurableApplicationContext context;
        try {
            context = spring.run(arguments.application().toArray(String[]::new));
        }
        catch (RuntimeException ex) {
            // Spring Boot has reported why
            return ExitCodes.FAILED;
        }
        shutdown.started(context);
        context.getAutowireCapableBeanFactory().autowireBean(command);
        return new CommandLine.RunLast().execute(parsed);
    }
}
