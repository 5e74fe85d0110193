package com.accountsnapshot.snapshot.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import com.accountsnapshot.snapshot.LastPlaybook;
import com.accountsnapshot.snapshot.TopCriticalKpi;
import com.accountsnapshot.snapshot.TrackedFields;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The jsonb columns' text, written without the ObjectMapper: the exact text for small values, and the mapper's own
 * text for the same values (the mapper writes what the next run's comparison reads back), awkward strings included.
 */
class SnapshotJsonTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final List<String> AWKWARD = List.of("", "plain", "quote \" and back\\slash", "tab\tline\nreturn\r",
            "bell\u0007 escape\u001b unit\u001f delete\u007f", "slash / and <html> & 'single'",
            "Zoë Müller — «naïve» café", "東京 日本語", "emoji 🎉 outside the BMP", "line\u2028separator",
            "{\"json\": [1, 2]}");

    @Test
    void listsAreWrittenAsJsonArrays() {
        assertThat(SnapshotJson.list(List.of())).isEqualTo("[]");
        assertThat(SnapshotJson.list(List.of(7L, 10_000_000_001L))).isEqualTo("[7,10000000001]");
        assertThat(SnapshotJson.list(Arrays.asList("Analytics", null, "Tab\there \"q\""))).isEqualTo(
                "[\"Analytics\",null,\"Tab\\there \\\"q\\\"\"]");
        assertThat(SnapshotJson.list(List.of("bell\u0007"))).isEqualTo("[\"bell\\u0007\"]");
    }

    @Test
    void listsAreTheTextTheObjectMapperWrites() {
        assertThat(SnapshotJson.list(AWKWARD)).isEqualTo(MAPPER.writeValueAsString(AWKWARD));
        for (String text : AWKWARD) {
            assertThat(SnapshotJson.list(List.of(text))).isEqualTo(MAPPER.writeValueAsString(List.of(text)));
        }
        List<Long> ids = List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE);
        assertThat(SnapshotJson.list(ids)).isEqualTo(MAPPER.writeValueAsString(ids));
    }

    @Test
    void aListOfAnythingElseIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SnapshotJson.list(List.of(1.5)))
                .withMessage("no JSON form here for a java.lang.Double");
    }

    @Test
    void topCriticalKpisAreTheTrackedFieldsValue() {
        List<TopCriticalKpi> kpis = List.of(
                new TopCriticalKpi(12, "NPS", "Customer Sentiment", 3L, "-20 points", "high"),
                new TopCriticalKpi(40, "Tickets \"open\"", null, null, null, null));

        assertThat(SnapshotJson.topCriticalKpis(kpis)).isEqualTo("[{\"kpi_id\":12,\"kpi_parameter\":\"NPS\","
                + "\"category\":\"Customer Sentiment\",\"product_id\":3,\"value\":\"-20 points\",\"impact_level\":\"high\"},"
                + "{\"kpi_id\":40,\"kpi_parameter\":\"Tickets \\\"open\\\"\",\"category\":null,\"product_id\":null,"
                + "\"value\":null,\"impact_level\":null}]");
        assertThat(SnapshotJson.topCriticalKpis(kpis))
                .isEqualTo(MAPPER.writeValueAsString(TrackedFields.topCriticalKpis(kpis)));
        assertThat(SnapshotJson.topCriticalKpis(List.of())).isEqualTo("[]");
        List<TopCriticalKpi> awkward = AWKWARD.stream()
                .map(text -> new TopCriticalKpi(1, text, text, 2L, text, text)).toList();
        assertThat(SnapshotJson.topCriticalKpis(awkward))
                .isEqualTo(MAPPER.writeValueAsString(TrackedFields.topCriticalKpis(awkward)));
    }

    @Test
    void lastPlaybookIsTheTrackedFieldsValue() {
        LastPlaybook last = new LastPlaybook("renewal \"prep\"", Instant.parse("2026-11-02T09:30:00Z"));

        assertThat(SnapshotJson.lastPlaybook(last))
                .isEqualTo("{\"playbook_id\":\"renewal \\\"prep\\\"\",\"started_at\":\"2026-11-02T09:30:00Z\"}")
                .isEqualTo(MAPPER.writeValueAsString(TrackedFields.lastPlaybook(last)));
        assertThat(SnapshotJson.lastPlaybook(new LastPlaybook(null, Instant.parse("2026-11-02T09:30:00.123Z"))))
                .isEqualTo("{\"playbook_id\":null,\"started_at\":\"2026-11-02T09:30:00.123Z\"}");
        assertThat(SnapshotJson.lastPlaybook(null)).isNull();
    }
}
