package com.accountsnapshot.snapshot.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The jsonb columns' text, exactly: the lists and the two small objects with their members in order. */
class SnapshotJsonTest {

    @Test
    void listsAreWrittenAsJsonArrays() {
        assertThat(SnapshotJson.list(List.of())).isEqualTo("[]");
        assertThat(SnapshotJson.list(List.of(7L, 10_000_000_001L))).isEqualTo("[7,10000000001]");
        assertThat(SnapshotJson.list(Arrays.asList("Analytics", null, "Tab\there \"q\""))).isEqualTo(
                "[\"Analytics\",null,\"Tab\\there \\\"q\\\"\"]");
        assertThat(SnapshotJson.list(List.of("bell\u0007"))).isEqualTo("[\"bell\\u0007\"]");
    }

    @Test
    void topCriticalKpisAreWrittenWithTheirMembersInOrder() {
        List<TopCriticalKpi> kpis = List.of(
                new TopCriticalKpi(12, "NPS", "Customer Sentiment", 3L, "-20 points", "high"),
                new TopCriticalKpi(40, "Tickets \"open\"", null, null, null, null));

        assertThat(SnapshotJson.topCriticalKpis(kpis)).isEqualTo("[{\"kpi_id\":12,\"kpi_parameter\":\"NPS\","
                + "\"category\":\"Customer Sentiment\",\"product_id\":3,\"value\":\"-20 points\",\"impact_level\":\"high\"},"
                + "{\"kpi_id\":40,\"kpi_parameter\":\"Tickets \\\"open\\\"\",\"category\":null,\"product_id\":null,"
                + "\"value\":null,\"impact_level\":null}]");
        assertThat(SnapshotJson.topCriticalKpis(List.of())).isEqualTo("[]");
    }

    @Test
    void lastPlaybookIsWrittenWithItsInstantInIso8601() {
        LastPlaybook last = new LastPlaybook("renewal \"prep\"", Instant.parse("2026-11-02T09:30:00Z"));

        assertThat(SnapshotJson.lastPlaybook(last))
                .isEqualTo("{\"playbook_id\":\"renewal \\\"prep\\\"\",\"started_at\":\"2026-11-02T09:30:00Z\"}");
        assertThat(SnapshotJson.lastPlaybook(new LastPlaybook(null, Instant.parse("2026-11-02T09:30:00.123Z"))))
                .isEqualTo("{\"playbook_id\":null,\"started_at\":\"2026-11-02T09:30:00.123Z\"}");
        assertThat(SnapshotJson.lastPlaybook(null)).isNull();
    }
}
