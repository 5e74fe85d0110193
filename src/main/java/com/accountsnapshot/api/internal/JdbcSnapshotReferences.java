package com.accountsnapshot.api.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The notes and reports a snapshot references by id (recent_csm_note_ids, recent_playbook_report_ids), read in
 * the order it references them. Each is joined on the snapshot's account <em>and</em> customer: a referenced row
 * filed since under another customer or account, or deleted, comes back as an id without content.
 */
@Component
public class JdbcSnapshotReferences {

    private final JdbcClient jdbc;

    JdbcSnapshotReferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A referenced note; {@code type}, {@code createdAt} and {@code content} are null when it cannot be read
     * (gone, or no longer the snapshot's customer's). {@code content} holds at most the given number of
     * characters; {@code length} is the whole note's.
     */
    public record Note(long noteId, @Nullable String type, @Nullable Instant createdAt, @Nullable String content,
            int length) {

        public boolean found() {
            return content != null;
        }
    }

    /** A referenced report; {@code name} and {@code generatedAt} are null when it cannot be read. */
    public record Report(long reportId, @Nullable String playbookId, @Nullable String name,
            @Nullable Instant generatedAt) {

        public boolean found() {
            return name != null;
        }
    }

    public List<Note> notes(long accountId, long snapshotId, int maxLength) {
        return jdbc.sql("""
                SELECT ref.id::bigint AS note_id, n.note_type, n.created_at,
                       left(n.note_content, :maxLength) AS content, char_length(n.note_content) AS length
                FROM account_snapshots s
                CROSS JOIN LATERAL jsonb_array_elements_text(s.recent_csm_note_ids) WITH ORDINALITY AS ref(id, position)
                LEFT JOIN account_notes n
                       ON n.note_id = ref.id::bigint AND n.account_id = s.account_id AND n.customer_id = s.customer_id
                WHERE s.account_id = :accountId AND s.snapshot_id = :snapshotId
                ORDER BY ref.position""")
                .param("accountId", accountId)
                .param("snapshotId", snapshotId)
                .param("maxLength", maxLength)
                .query((rs, row) -> new Note(rs.getLong("note_id"), rs.getString("note_type"),
                        instant(rs.getObject("created_at", OffsetDateTime.class)), rs.getString("content"),
                        rs.getInt("length")))
                .list();
    }

    public List<Report> reports(long accountId, long snapshotId) {
        return jdbc.sql("""
                SELECT ref.id::bigint AS report_id, r.playbook_id, r.playbook_name, r.report_generated_at
                FROM account_snapshots s
                CROSS JOIN LATERAL jsonb_array_elements_text(s.recent_playbook_report_ids)
                     WITH ORDINALITY AS ref(id, position)
                LEFT JOIN playbook_reports r
                       ON r.report_id = ref.id::bigint AND r.account_id = s.account_id AND r.customer_id = s.customer_id
                WHERE s.account_id = :accountId AND s.snapshot_id = :snapshotId
                ORDER BY ref.position""")
                .param("accountId", accountId)
                .param("snapshotId", snapshotId)
                .query((rs, row) -> new Report(rs.getLong("report_id"), rs.getString("playbook_id"),
                        rs.getString("playbook_name"), instant(rs.getObject("report_generated_at",
                                OffsetDateTime.class))))
                .list();
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
