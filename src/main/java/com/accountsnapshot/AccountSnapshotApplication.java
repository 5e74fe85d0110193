package com.accountsnapshot;

import com.accountsnapshot.cli.CommandLineApplication;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The account-snapshot command line: {@code java -jar account-snapshot.jar [COMMAND] [--option=value ...]}.
 * The arguments are parsed before the application starts; only {@code serve} starts a web server; the process's
 * exit code is the command's (docs/operations.md#commands).
 */
@SpringBootApplication
public class AccountSnapshotApplication {

    public static void main(String[] args) {
        System.exit(CommandLineApplication.run(AccountSnapshotApplication.class, args));
    }
}
