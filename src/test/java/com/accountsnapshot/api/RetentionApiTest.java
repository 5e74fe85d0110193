package com.accountsnapshot.api;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/maintenance/retention}: a dry run by default, {@code {"apply": true}} does it, for an ADMIN of
 * every customer only. The history: account 1's snapshots on the 5th, 15th and 25th of the month 14 months ago,
 * in the monthly tier by the default policy, of which the 25th is kept.
 */
class RetentionApiTest extends ApiTest {

    private static final String RETENTION = "/api/maintenance/retention";

    private static final String HISTORY = """
            INSERT INTO account_snapshots (snapshot_timestamp, account_id, customer_id, job_instance_id,
                job_execution_id, snapshot_sequence_number, product_count, total_kpis, account_level_kpis,
                product_level_kpis, critical_kpis_count, at_risk_kpis_count, healthy_kpis_count, unscored_kpis_count,
                playbooks_running_count, playbooks_completed_count, playbooks_completed_last_30_days,
                is_significant_change, snapshot_type, account_name, health_score_source, health_score_trend)
            SELECT CAST(? AS timestamptz) + make_interval(days => day - 1), 1, 100, -1, -1, row_number() OVER (ORDER BY day),
                   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'manual', 'Acme', 'none', 'stable'
            FROM unnest(ARRAY[5, 15, 25]) day""";

    private String partition;

    @BeforeEach
    void history() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(14);
        String first = month.atDay(1) + "T00:00:00Z";
        partition = String.format("account_snapshots_%d_%02d", month.getYear(), month.getMonthValue());
        jdbc.queryForList("SELECT create_account_snapshot_partition(CAST(? AS timestamptz))", first);
        jdbc.update(HISTORY, first);
        jdbc.update("DELETE FROM operator_audit");
    }

    @AfterEach
    void dropThePartition() {
        jdbc.execute("DROP TABLE IF EXISTS " + partition);
    }

    @Test
    void dryRunCountsThenApplyThinsAndIsAudited() {
        Answer dryRun = call(HttpMethod.POST, RETENTION, "admin", null);
        Answer applied = call(HttpMethod.POST, RETENTION, "admin", "{\"apply\": true}");

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(summary(dryRun.json())).isEqualTo("false 3 1 " + partition + " thin 3 1");
        assertThat(dryRun.json().get("nothing_before").isNull()).isTrue();
        // an estimate: two thirds of the partition's size
        assertThat(dryRun.json().get("bytes_freed").asLong()).isPositive();
        assertThat(applied.status()).isEqualTo(200);
        assertThat(summary(applied.json())).isEqualTo("true 3 1 " + partition + " thin 3 1");
        assertThat(jdbc.queryForList("SELECT extract(day FROM snapshot_timestamp AT TIME ZONE 'UTC')::int "
                + "FROM account_snapshots", Integer.class)).containsExactly(25);
        assertThat(jdbc.queryForList("SELECT principal || ' | ' || action || ' | ' || outcome FROM operator_audit",
                String.class)).containsExactly("admin | retention | accepted");
    }

    @Test
    void anOperatorOrAScopedPrincipalIsRefusedAndNothingIsRemoved() {
        assertThat(call(HttpMethod.POST, RETENTION, "operator", "{\"apply\": true}").status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, RETENTION, "scoped-operator", "{\"apply\": true}").status()).isEqualTo(403);
        assertThat(call(HttpMethod.POST, RETENTION, "admin", "{\"apply\": \"yes please\"}").status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM account_snapshots", Long.class)).isEqualTo(3);
    }

    /** applied, rows now, rows kept, and each partition's name, action, rows now and kept. */
    private static String summary(JsonNode outcome) {
        StringBuilder text = new StringBuilder(outcome.get("applied").asBoolean() + " " + outcome.get("rows_now")
                + " " + outcome.get("rows_kept"));
        List<JsonNode> partitions = outcome.get("partitions").valueStream().toList();
        partitions.stream().filter(partition -> partition.get("rows_now").asLong() > 0).forEach(partition -> text
                .append(' ').append(partition.get("partition").asString()).append(' ')
                .append(partition.get("action").asString()).append(' ').append(partition.get("rows_now"))
                .append(' ').append(partition.get("rows_kept")));
        return text.toString();
    }
}
