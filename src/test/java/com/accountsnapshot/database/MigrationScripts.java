package com.accountsnapshot.database;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The versioned Flyway scripts the product ships, counted from the classpath. */
final class MigrationScripts {

    private MigrationScripts() {
    }

    static int count() {
        try {
            return new PathMatchingResourcePatternResolver().getResources("classpath:db/migration/V*__*.sql").length;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
