package com.accountsnapshot.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded default PostgreSQL keeps its data and which local port it listens on. Used only
 * when no {@code spring.datasource.url} is configured.
 */
@ConfigurationProperties("account-snapshot.embedded-database")
public record EmbeddedDatabaseProperties(
        Path dataDirectory,
        @DefaultValue("54329") int port) {
}
