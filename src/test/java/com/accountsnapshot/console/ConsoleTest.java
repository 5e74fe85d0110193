package com.accountsnapshot.console;

import java.time.Duration;

import com.accountsnapshot.ChunkStepListeners;
import com.accountsnapshot.HeldRun;
import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.awaitility.Awaitility.await;

/**
 * The application on a random port over the test database, with a user of each role (all with the password
 * {@link #PASSWORD}); the console tests share its context. Each test starts from empty tables and no run going.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "account-snapshot.job.chunk-size=2",
        "account-snapshot.security.users.viewer.password={noop}" + ConsoleTest.PASSWORD,
        "account-snapshot.security.users.viewer.roles=VIEWER",
        "account-snapshot.security.users.operator.password={noop}" + ConsoleTest.PASSWORD,
        "account-snapshot.security.users.operator.roles=OPERATOR",
        "account-snapshot.security.users.monitor.password={noop}" + ConsoleTest.PASSWORD,
        "account-snapshot.security.users.monitor.roles=MONITOR",
        "account-snapshot.security.users.scoped-viewer.password={noop}" + ConsoleTest.PASSWORD,
        "account-snapshot.security.users.scoped-viewer.roles=VIEWER",
        "account-snapshot.security.users.scoped-viewer.customers=100",
        "account-snapshot.security.users.scoped-operator.password={noop}" + ConsoleTest.PASSWORD,
        "account-snapshot.security.users.scoped-operator.roles=OPERATOR",
        "account-snapshot.security.users.scoped-operator.customers=100"})
@Import({HeldRun.class, ChunkStepListeners.class})
public abstract class ConsoleTest {

    static final String PASSWORD = "console-secret";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SnapshotRuns runs;

    @Autowired
    HeldRun held;

    TestPortfolio portfolio;

    @BeforeEach
    void startClean() {
        endRuns();
        portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        jdbc.update("DELETE FROM operator_audit");
    }

    @AfterEach
    void endRuns() {
        held.release();
        await().atMost(Duration.ofSeconds(30)).until(() -> runs.runningHere().isEmpty());
    }
}
