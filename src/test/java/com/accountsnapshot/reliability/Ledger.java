package com.accountsnapshot.reliability;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a job instance left in account_snapshots, checked against the accounts in its scope: exactly one
 * snapshot each, none lost, none twice. Duplicates and losses are also tallied over the whole test run
 * for the reliability figures.
 */
final class Ledger {

    static final AtomicLong DUPLICATES = new AtomicLong();

    static final AtomicLong LOST = new AtomicLong();

    static final AtomicLong CHECKS = new AtomicLong();

    private final JdbcTemplate jdbc;

    Ledger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every account has exactly one snapshot of the job instance, and the instance wrote nothing else. */
    void assertExactlyOnce(long jobInstanceId, Collection<Long> accountIds) {
        Map<Long, Integer> counts = new HashMap<>();
        jdbc.query("""
                SELECT account_id, count(*) AS snapshots FROM account_snapshots WHERE job_instance_id = ?
                GROUP BY account_id""", rs -> {
            counts.put(rs.getLong("account_id"), rs.getInt("snapshots"));
        }, jobInstanceId);
        TreeSet<Long> lost = new TreeSet<>(accountIds);
        lost.removeAll(counts.keySet());
        List<Long> duplicated = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .sorted().toList();
        TreeSet<Long> strangers = new TreeSet<>(counts.keySet());
        strangers.removeAll(accountIds);
        CHECKS.incrementAndGet();
        DUPLICATES.addAndGet(duplicated.size());
        LOST.addAndGet(lost.size());
        assertThat(lost).as("accounts without a snapshot of job instance " + jobInstanceId).isEmpty();
        assertThat(duplicated).as("accounts with more than one snapshot of job instance " + jobInstanceId).isEmpty();
        assertThat(strangers).as("snapshots of accounts outside the scope").isEmpty();
    }

    /** The sum of a counter (read_count, write_count, ...) over every step execution of the job instance. */
    long stepCount(long jobInstanceId, String column) {
        if (!column.matches("[a-z_]+_count")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.queryForObject("""
                SELECT coalesce(sum(s.%s), 0) FROM batch_step_execution s
                JOIN batch_job_execution e ON e.job_execution_id = s.job_execution_id
                WHERE e.job_instance_id = ?""".formatted(column), Long.class, jobInstanceId);
    }

    /** (account_id, field) of every issue recorded by any execution of the job instance, one entry per row. */
    List<String> issues(long jobInstanceId, String type) {
        return jdbc.queryForList("""
                SELECT i.account_id || ':' || coalesce(i.field, '') FROM snapshot_run_issues i
                JOIN batch_job_execution e ON e.job_execution_id = i.job_execution_id
                WHERE e.job_instance_id = ? AND i.issue_type = ? ORDER BY i.account_id, i.field""", String.class,
                jobInstanceId, type);
    }

    static String figures() {
        return "exactly-once checks " + CHECKS.get() + ", duplicates found " + DUPLICATES.get() + ", accounts lost "
                + LOST.get();
    }
}
