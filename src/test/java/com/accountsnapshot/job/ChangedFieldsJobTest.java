package com.accountsnapshot.job;

import java.time.Instant;
import java.util.Map;

import com.accountsnapshot.TestPortfolio;
import com.accountsnapshot.run.SnapshotRuns;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * changed_fields over three runs: null on an account's first snapshot, then the tracked fields changed on the
 * platform in between with their stored values before and after, then {@code {}} when nothing changed.
 */
@SpringBootTest(properties = "account-snapshot.job.chunk-size=2")
class ChangedFieldsJobTest {

    static final Instant FIRST = Instant.parse("2026-10-15T00:00:00Z");

    static final Instant SECOND = Instant.parse("2026-11-15T00:00:00Z");

    static final Instant THIRD = Instant.parse("2026-11-16T00:00:00Z");

    @Autowired
    SnapshotRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void changedFieldsAreNullThenWhatChangedThenEmpty() throws Exception {
        // given: account 1 changes between the first two runs, account 2 does not, account 3 arrives in between
        TestPortfolio portfolio = new TestPortfolio(jdbc).clean().cleanJobRepository();
        portfolio.account(1, 100, "Acme", "1000.00", "active", """
                        {"assigned_csm": "Dana", "engagement": {"score": 50}}""")
                .account(2, 100, "Globex", "20.00", "active", null)
                .trend(1, 100, 2026, 10, "70.00", "60.00", null, null, null, null);
        run(FIRST);
        jdbc.update("""
                UPDATE accounts SET revenue = 1250.5, account_status = 'at_risk',
                       profile_metadata = '{"assigned_csm": "Lee", "engagement": {"score": "50.00"}}'
                WHERE account_id = 1""");
        portfolio.trend(1, 100, 2026, 11, "80.00", "60.00", null, null, null, null)
                .note(1, 100, 5, Instant.parse("2026-11-14T00:00:00Z"))
                .account(3, 100, "Initech", null, null, null);

        // when
        run(SECOND);
        run(THIRD);

        // then: jsonb keeps its keys sorted by length, then bytes, whatever order they were written in
        assertThat(changedFields(1, 1)).isNull();
        assertThat(changedFields(2, 1)).isNull();
        assertThat(changedFields(1, 2)).isEqualTo("""
                {"revenue": {"to": 1250.50, "from": 1000.00}, "assigned_csm": {"to": "Lee", "from": "Dana"}, \
                "account_status": {"to": "at_risk", "from": "active"}, "recent_csm_note_ids": {"to": [5], "from": []}, \
                "overall_health_score": {"to": 80.00, "from": 70.00}}""");
        assertThat(changedFields(2, 2)).isEqualTo("{}");
        assertThat(changedFields(3, 1)).isNull();
        assertThat(changedFields(1, 3)).isEqualTo("{}");
        assertThat(changedFields(2, 3)).isEqualTo("{}");
        assertThat(changedFields(3, 2)).isEqualTo("{}");
    }

    private void run(Instant asOf) throws Exception {
        assertThat(runs.run(Map.of("asOf", asOf.toString())).getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private @Nullable String changedFields(long accountId, int sequence) {
        return jdbc.queryForObject("""
                SELECT changed_fields::text FROM account_snapshots
                WHERE account_id = ? AND snapshot_sequence_number = ?""", String.class, accountId, sequence);
    }
}
