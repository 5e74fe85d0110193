package com.accountsnapshot.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import com.accountsnapshot.SnapshotCleanup;
import com.accountsnapshot.run.RunReport;
import com.accountsnapshot.run.RunReports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * operator_audit records every action with its principal and outcome, refused ones too; a database poisoned by
 * snapshots of the year 9999 holds every run back until its future snapshots are quarantined, and restoring
 * brings them back exactly (or, clashing with newer ones, nothing at all).
 */
class AuditAndQuarantineApiTest extends ApiTest {

    private static final String QUARANTINE = "/api/maintenance/quarantine-future-snapshots";

    private static final String RESTORE = "/api/maintenance/restore-quarantined-snapshots";

    @Autowired
    RunReports reports;

    @BeforeEach
    void seed() {
        portfolio.account(1, 100, "Account 1", "100.00", "active", null);
        portfolio.account(2, 100, "Account 2", "100.00", "active", null);
        jdbc.update("DELETE FROM operator_audit");
        jdbc.update("DELETE FROM account_snapshots_quarantine");
    }

    @Test
    void everyActionIsAuditedWithItsPrincipalAndOutcome() throws Exception {
        Answer started = call(HttpMethod.POST, "/api/account-snapshots/create", "operator",
                "{\"account_id\": 1, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        long run = started.json().get("execution_id").asLong();
        awaitStatus(run, "COMPLETED");
        call(HttpMethod.POST, "/api/snapshot-runs/" + run + "/restart", "admin", null);
        call(HttpMethod.POST, "/api/account-snapshots/create", "scoped-operator",
                "{\"customer_id\": 200, \"as_of\": \"2026-11-28T00:00:00Z\"}");
        JobExecution commandLine = runs.run(Map.of("accountId", "2", "asOf", "2026-11-28T00:00:00Z"));

        JsonNode audit = call(HttpMethod.GET, "/api/audit", "admin", null).json();

        String here = System.getProperty("user.name") + "@" + InetAddress.getLocalHost().getHostName();
        assertThat(audit.get("total").asLong()).isEqualTo(4);
        assertThat(rows(audit)).containsExactly(
                here + " | start | execution " + commandLine.getId() + ": account 2 as of 2026-11-28T00:00:00Z (manual)"
                        + " | accepted | null",
                "scoped-operator | start | customer 200 | refused: customer 200 is not one of the principal's "
                        + "customers | 127.0.0.1",
                "admin | restart | execution " + run + " | refused: Execution " + run + " is COMPLETED; only a FAILED "
                        + "or STOPPED run can be restarted | 127.0.0.1",
                "operator | start | execution " + run + ": account 1 as of 2026-11-28T00:00:00Z (manual) | accepted"
                        + " | 127.0.0.1");
        JsonNode page = call(HttpMethod.GET, "/api/audit?page=1&size=3", "admin", null).json();
        assertThat(rows(page)).hasSize(1).first().asString().startsWith("operator | start");
    }

    @Test
    void quarantineOfFutureSnapshotsLetsTheNextRunSnapshotEveryAccount() throws Exception {
        poison();
        JobExecution heldBack = runs.run(Map.of("asOf", "2026-11-29T00:00:00Z"));
        RunReport report = reports.of(heldBack);
        assertThat(heldBack.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(heldBack.getExitStatus().getExitCode()).isEqualTo("COMPLETED WITH SKIPS");
        assertThat(report.written()).isZero();
        assertThat(report.outOfOrderLine())
                .isEqualTo("2 of 2 accounts already have a later snapshot (latest at 9999-12-31T00:00:00Z)");
        assertThat(report.describe()).endsWith("\n  " + report.outOfOrderLine());
        List<Map<String, Object>> poisoned = snapshots("account_snapshots");

        Answer dryRun = call(HttpMethod.POST, QUARANTINE, "admin", null);
        assertThat(snapshots("account_snapshots")).isEqualTo(poisoned);
        Answer applied = call(HttpMethod.POST, QUARANTINE + "?apply=true", "admin", null);
        // the heads follow what was moved out: neither account has a snapshot left
        assertThat(heads()).isEmpty();
        JobExecution next = runs.run(Map.of("asOf", "2026-11-30T00:00:00Z"));

        assertThat(dryRun.text()).isEqualTo("{\"action\":\"quarantine-future-snapshots\",\"applied\":false,"
                + "\"snapshots\":2,\"accounts\":2,\"latest_snapshot_timestamp\":\"9999-12-31T00:00:00Z\"}");
        assertThat(applied.text()).isEqualTo(dryRun.text().replace("\"applied\":false", "\"applied\":true"));
        assertThat(next.getExitStatus().getExitCode()).isEqualTo("COMPLETED");
        assertThat(reports.of(next).written()).isEqualTo(2);
        assertThat(reports.of(next).outOfOrder().accounts()).isZero();
        assertThat(jdbc.queryForList("SELECT account_id FROM account_snapshots WHERE job_execution_id = ? "
                + "ORDER BY account_id", Long.class, next.getId())).containsExactly(1L, 2L);
        assertThat(quarantined()).isEqualTo(poisoned);
        assertThat(auditRows()).containsExactly("admin | quarantine-future-snapshots | accepted");
    }

    @Test
    void restoreBringsTheQuarantinedSnapshotsBackExactly() {
        poison();
        List<Map<String, Object>> poisoned = snapshots("account_snapshots");
        call(HttpMethod.POST, QUARANTINE + "?apply=true", "admin", null);

        Answer restored = call(HttpMethod.POST, RESTORE + "?apply=true", "admin", null);

        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().get("snapshots").asLong()).isEqualTo(2);
        assertThat(snapshots("account_snapshots")).isEqualTo(poisoned);
        assertThat(snapshots("account_snapshots_quarantine")).isEmpty();
        // the heads are the restored snapshots again
        assertThat(heads()).containsExactly("1 1 9999-12-31", "2 1 9999-12-31");
        assertThat(auditRows()).containsExactly("admin | restore-quarantined-snapshots | accepted",
                "admin | quarantine-future-snapshots | accepted");
    }

    @Test
    void restoreClashingWithNewerSnapshotsMovesNothingAndIsAuditedAsRefused() throws Exception {
        poison();
        call(HttpMethod.POST, QUARANTINE + "?apply=true", "admin", null);
        List<Map<String, Object>> held = quarantined();
        runs.run(Map.of("asOf", "2026-11-30T00:00:00Z"));
        List<Map<String, Object>> current = snapshots("account_snapshots");

        Answer restored = call(HttpMethod.POST, RESTORE + "?apply=true", "admin", null);

        assertThat(restored.status()).isEqualTo(409);
        assertThat(snapshots("account_snapshots")).isEqualTo(current);
        assertThat(quarantined()).isEqualTo(held);
        // the accepted row was written in the transaction that rolled back: only the refusal remains
        List<String> rows = jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || outcome "
                + "FROM operator_audit WHERE action = 'restore-quarantined-snapshots'", String.class);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).startsWith("admin | restore-quarantined-snapshots | refused: ")
                .contains("account_snapshots_sequence_uk");
    }

    @Test
    void maintenanceNeedsAnAdminOfEveryCustomer() {
        poison();

        assertThat(call(HttpMethod.POST, QUARANTINE + "?apply=true", "operator", null).status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, QUARANTINE + "?apply=true", "scoped-operator", null).status()).isEqualTo(403);
        assertThat(snapshots("account_snapshots_quarantine")).isEmpty();
    }

    /** A snapshot of each account, moved to the year 9999 as a run as of then would have written it. */
    private void poison() {
        try {
            runs.run(Map.of("asOf", "2026-11-28T00:00:00Z"));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        portfolio.snapshotMonths("9999-12-31T00:00:00Z");
        SnapshotCleanup.execute(jdbc, "UPDATE account_snapshots SET snapshot_timestamp = '9999-12-31T00:00:00Z'");
    }

    /** Each account's head: account, sequence number, UTC date of its snapshot. */
    private List<String> heads() {
        return jdbc.queryForList("SELECT account_id || ' ' || snapshot_sequence_number || ' ' "
                + "|| to_char(snapshot_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM account_snapshot_heads "
                + "ORDER BY account_id", String.class);
    }

    private List<Map<String, Object>> snapshots(String table) {
        return jdbc.queryForList("SELECT * FROM " + table + " ORDER BY snapshot_id");
    }

    /** The quarantined rows without their quarantined_at. */
    private List<Map<String, Object>> quarantined() {
        List<Map<String, Object>> rows = snapshots("account_snapshots_quarantine");
        rows.forEach(row -> assertThat(row.remove("quarantined_at")).isNotNull());
        return rows;
    }

    /** The audit log of maintenance (the runs the test starts itself are audited too). */
    private List<String> auditRows() {
        return jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || outcome FROM operator_audit "
                + "WHERE action <> 'start' ORDER BY audit_id DESC", String.class);
    }

    private static List<String> rows(JsonNode page) {
        return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
                .map(row -> row.get("principal").asString() + " | " + row.get("action").asString() + " | "
                        + row.get("target").asString() + " | " + row.get("outcome").asString() + " | "
                        + (row.get("remote_address").isNull() ? "null" : row.get("remote_address").asString()))
                .toList();
    }
}
