package com.accountsnapshot.run;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What retention found in, or did to, each partition of account_snapshots that may hold snapshots older than
 * keep-all: a dry run's figures or an applied run's.
 *
 * @param now the instant the tiers are measured back from
 * @param keepAllSince every snapshot at or after this is kept
 * @param monthlySince from here to keepAllSince, each account's last snapshot of each month; before it, of each
 *        quarter
 * @param nothingBefore nothing before this is kept (max-age); null: quarterly snapshots are kept for ever
 */
public record RetentionPlan(boolean applied, Instant now, Instant keepAllSince, Instant monthlySince,
        @Nullable Instant nothingBefore, List<Partition> partitions) {

    /** What becomes of a partition. */
    public enum Action {
        /** every row is kept: nothing to do */
        KEEP,
        /** its kept rows are built into a new table that replaces it */
        THIN,
        /** entirely older than max-age: dropped */
        DROP;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One partition: its rows now and the rows retention keeps of them; the bytes freed (heap, indexes and
     * TOAST), in a dry run an estimate in proportion to the rows removed, once applied as measured.
     */
    public record Partition(String name, Instant from, Instant to, Action action, long rowsNow, long rowsKept,
            long bytesFreed) {

        String describe(boolean applied) {
            return String.format(Locale.ROOT, "%s [%s, %s): %s, %d rows, %d kept, %d removed, %s %s", name, from,
                    to, action.code(), rowsNow, rowsKept, rowsNow - rowsKept, bytes(bytesFreed),
                    applied ? "freed" : "to be freed");
        }
    }

    public long rowsNow() {
        return partitions.stream().mapToLong(Partition::rowsNow).sum();
    }

    public long rowsKept() {
        return partitions.stream().mapToLong(Partition::rowsKept).sum();
    }

    public long bytesFreed() {
        return partitions.stream().mapToLong(Partition::bytesFreed).sum();
    }

    /** Lines for a terminal: the policy, a line per partition, the totals. */
    public String describe() {
        StringBuilder text = new StringBuilder(applied ? "retention applied" : "retention dry run (--apply to do it)")
                .append(" as of ").append(now).append(": everything since ").append(keepAllSince)
                .append(", monthly since ").append(monthlySince).append(", quarterly before")
                .append(nothingBefore == null ? "" : " down to " + nothingBefore + ", nothing older").append('\n');
        partitions.forEach(partition -> text.append("  ").append(partition.describe(applied)).append('\n'));
        return text.append(String.format(Locale.ROOT, "%d partitions: %d rows, %d kept, %d removed, %s %s",
                partitions.size(), rowsNow(), rowsKept(), rowsNow() - rowsKept(), bytes(bytesFreed()),
                applied ? "freed" : "to be freed")).toString();
    }

    static String bytes(long bytes) {
        return bytes < 10 * 1024 * 1024 ? bytes + " bytes"
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1_048_576.0);
    }
}
