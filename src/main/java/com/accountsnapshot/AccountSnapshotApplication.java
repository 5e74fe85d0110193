package com.accountsnapshot;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The account-snapshot command line: {@code java -jar account-snapshot.jar COMMAND [--option=value ...]}.
 * Only {@code serve} starts a web server; the process's exit code is the command's (SPEC §9).
 */
@SpringBootApplication
public class AccountSnapshotApplication {

    /** Set by {@link #main} only, so that tests starting the application do not run a command. */
    public static final String COMMAND_LINE_PROPERTY = "account-snapshot.command-line.enabled";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(AccountSnapshotApplication.class);
        boolean serve = args.length > 0 && "serve".equals(args[0]);
        application.setWebApplicationType(serve ? WebApplicationType.SERVLET : WebApplicationType.NONE);
        application.setDefaultProperties(Map.of(COMMAND_LINE_PROPERTY, "true"));
        System.exit(SpringApplication.exit(application.run(args)));
    }
}
