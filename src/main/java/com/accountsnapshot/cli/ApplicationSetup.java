package com.accountsnapshot.cli;

import org.springframework.boot.SpringApplication;

/**
 * A command that starts the application its own way ({@code serve} with the web server, {@code worker} as a
 * worker) or checks its arguments further before it starts.
 */
interface ApplicationSetup {

    /**
     * Checks the parsed arguments before anything starts.
     *
     * @throws IllegalArgumentException refusing them, with the reason
     */
    default void check() {
    }

    default void configure(SpringApplication application) {
    }
}
