package com.accountsnapshot.api.internal;

import java.util.List;

import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the snapshot runs a principal may see. A run's customer is its customerId parameter, or the customer of
 * its accountId; a full-portfolio run has none and is seen only by principals of every customer. The filter is
 * part of the query, so a run out of scope looks exactly like one that does not exist.
 */
@Component
public class JdbcRunQueries {

    private static final String RUNS = """
            SELECT e.job_execution_id
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            LEFT JOIN batch_job_execution_params c
                   ON c.job_execution_id = e.job_execution_id AND c.parameter_name = 'customerId'
            LEFT JOIN batch_job_execution_params a
                   ON a.job_execution_id = e.job_execution_id AND a.parameter_name = 'accountId'
            LEFT JOIN accounts acc ON acc.account_id = CAST(a.parameter_value AS bigint)
            WHERE i.job_name = 'accountSnapshotJob'
              AND (:unrestricted
                   OR COALESCE(CAST(c.parameter_value AS bigint), acc.customer_id) = ANY(:customers))""";

    private final JdbcClient jdbc;

    JdbcRunQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The run exists and its customer is in scope. */
    public boolean isVisible(long executionId, CustomerScope scope) {
        return !jdbc.sql(RUNS + " AND e.job_execution_id = :executionId")
                .params(JdbcAccountSnapshotQueries.visible(scope))
                .param("executionId", executionId)
                .query(Long.class)
                .list().isEmpty();
    }

    /** The ids of the most recent runs in scope, newest first, optionally only those with a status. */
    public List<Long> recent(int limit, @Nullable String status, CustomerScope scope) {
        return jdbc.sql(RUNS + """

                  AND (CAST(:status AS varchar) IS NULL OR e.status = :status)
                ORDER BY e.job_execution_id DESC LIMIT :limit""")
                .params(JdbcAccountSnapshotQueries.visible(scope))
                .param("status", status)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }
}
