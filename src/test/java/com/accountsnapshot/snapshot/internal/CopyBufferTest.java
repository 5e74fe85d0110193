package com.accountsnapshot.snapshot.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import com.accountsnapshot.demo.DemoDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CopyBufferTest {

    private static final List<String> AWKWARD_TEXTS = List.of(
            "plain", "", " leading and trailing ", "tab\there", "line\nbreak", "carriage\r\nreturn",
            "back\\slash", "\\N", "\\.", "double \"quotes\" and 'single'", "comma, semicolon; pipe|",
            "Zoë Müller — «naïve» café", "東京 日本語", "emoji 🎉 outside the BMP", "{\"json\": \"\\\"x\\\"\"}");

    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = DemoDatabase.migrated();
    }

    @Test
    void writesFieldsInCopyTextFormat() {
        // given
        CopyBuffer buffer = new CopyBuffer();

        // when
        buffer.number(-42).text("a\\b\tc\nd").nullValue().hundredths(-1205).bool(true)
                .timestamp(Instant.parse("2026-02-03T04:05:06Z").getEpochSecond());
        buffer.endRow();
        buffer.text("é").hundredths(7);
        buffer.endRow();

        // then
        assertThat(new String(buffer.bytes(), 0, buffer.size(), StandardCharsets.UTF_8)).isEqualTo(
                "-42\ta\\\\b\\tc\\nd\t\\N\t-12.05\tt\t2026-02-03 04:05:06+00\n\u00e9\t0.07\n");
        assertThat(buffer.rows()).isEqualTo(2);
    }

    @Test
    void awkwardTextSurvivesACopyIntoPostgresqlUnchanged() throws SQLException {
        // given
        CopyBuffer buffer = new CopyBuffer();
        for (int i = 0; i < AWKWARD_TEXTS.size(); i++) {
            buffer.number(i).text(AWKWARD_TEXTS.get(i)).timestamp(1_798_761_600L + i).hundredths(100_000L * i + i);
            buffer.endRow();
        }
        buffer.number(AWKWARD_TEXTS.size()).nullValue().nullValue().nullValue();
        buffer.endRow();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TEMPORARY TABLE copy_buffer_check (
                        id bigint, value text, at timestamptz, amount numeric(15,2))""");

            // when
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY copy_buffer_check (id, value, at, amount) FROM STDIN");
            copy.writeToCopy(buffer.bytes(), 0, buffer.size());
            long copied = copy.endCopy();

            // then
            assertThat(copied).isEqualTo(AWKWARD_TEXTS.size() + 1);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("""
                    SELECT value, extract(epoch FROM at)::bigint AS epoch, amount::text AS amount
                    FROM copy_buffer_check ORDER BY id""")) {
                int i = 0;
                while (rows.next()) {
                    values.add(rows.getString("value"));
                    if (i < AWKWARD_TEXTS.size()) {
                        assertThat(rows.getLong("epoch")).isEqualTo(1_798_761_600L + i);
                        assertThat(rows.getString("amount"))
                                .isEqualTo(String.format(Locale.ROOT, "%d.%02d", 1000L * i, i));
                    } else {
                        assertThat(rows.getString("amount")).isNull();
                    }
                    i++;
                }
            }
            List<String> expected = new ArrayList<>(AWKWARD_TEXTS);
            expected.add(null);
            assertThat(values).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void refusesTextPostgresqlCannotStore() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CopyBuffer().text("nul\0byte"));
    }
}
