package com.accountsnapshot.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.accountsnapshot.TestPortfolio;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code events}: counts by status and type, the oldest pending event, the latest batches; the rejected ones. */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class EventsCommandTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void events() {
        new TestPortfolio(jdbc).clean();
        jdbc.execute("TRUNCATE snapshot_events, snapshot_event_batch_accounts, snapshot_event_batches");
        jdbc.update("""
                INSERT INTO snapshot_event_batches (event_type, cut_at, event_count, first_event_id, status,
                                                    job_execution_id)
                OVERRIDING SYSTEM VALUE
                VALUES ('KPI_DATA_UPLOADED', '2026-11-28T10:00:30Z', 2, 'u-1', 'done', 41)""");
        jdbc.update("""
                INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at, source,
                                             status, batch_id, job_execution_id, problem)
                VALUES ('u-1', 'KPI_DATA_UPLOADED', 1, 1, '2026-11-28T10:00:00Z', 'http', 'done',
                        (SELECT max(batch_id) FROM snapshot_event_batches), 41, NULL),
                       ('u-2', 'KPI_DATA_UPLOADED', 1, 2, '2026-11-28T10:00:00Z', 'outbox', 'done',
                        (SELECT max(batch_id) FROM snapshot_event_batches), 41, NULL),
                       ('x-1', 'NOT_A_TYPE', 1, 1, '2026-11-28T10:00:00Z', 'outbox', 'rejected', NULL, NULL,
                        'event_type: ''NOT_A_TYPE'' is not a known type')""");
    }

    @Test
    void countsByStatusAndTypeAndTheLatestBatches() {
        // when
        Printed printed = run(new EventsCommand());

        // then
        long batch = jdbc.queryForObject("SELECT max(batch_id) FROM snapshot_event_batches", Long.class);
        assertThat(printed.exitCode()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(printed.out().lines().toList()).containsExactly(
                "STATUS     TYPE                             EVENTS",
                "done       KPI_DATA_UPLOADED                     2",
                "rejected   NOT_A_TYPE                            1",
                "Oldest pending event: none",
                "BATCH    TYPE                           CUT AT                  EVENTS STATUS    EXECUTION  FIRST EVENT",
                "%-8d KPI_DATA_UPLOADED              2026-11-28T10:00:30Z         2 done             41  u-1"
                        .formatted(batch));
    }

    @Test
    void rejectedListsTheRejectedEventsWithTheirReason() {
        // given
        EventsCommand command = new EventsCommand();
        command.rejected = true;

        // when
        Printed printed = run(command);

        // then
        assertThat(printed.out().lines().toList()).containsExactly(
                "EVENT                          TYPE                           SOURCE    PROBLEM",
                "x-1                            NOT_A_TYPE                     outbox    event_type: 'NOT_A_TYPE' is "
                        + "not a known type");
    }

    @Test
    void anUnknownTypeIsRefused() {
        // given
        EventsCommand command = new EventsCommand();
        command.type = "NOPE";

        // when
        Printed printed = run(command);

        // then
        assertThat(printed.exitCode()).isEqualTo(ExitCodes.REFUSED_PARAMETERS);
        assertThat(printed.err()).isEqualTo("type: 'NOPE' is not a known event type\n");
    }

    record Printed(int exitCode, String out, String err) {
    }

    /** Runs a command with these options as the command line does (injected, writing to the console), capturing it. */
    private Printed run(EventsCommand options) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream printedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(printedErr, true, StandardCharsets.UTF_8));
            EventsCommand command = new EventsCommand();
            command.rejected = options.rejected;
            command.type = options.type;
            command.limit = 20;
            context.getAutowireCapableBeanFactory().autowireBean(command);
            int exitCode = command.call();
            return new Printed(exitCode, printedOut.toString(StandardCharsets.UTF_8),
                    printedErr.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
