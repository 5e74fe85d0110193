package com.accountsnapshot.console.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.accountsnapshot.job.AccountSnapshotJobConfiguration;
import com.accountsnapshot.job.Scope;
import com.accountsnapshot.security.CustomerScope;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The console's reads of the job repository: the runs list (filtered, paged, newest first), whether a run is
 * one the principal may see, and the durations of recent runs of a type. A run's customer is its customerId
 * parameter, or the customer of its accountId; a full-portfolio or event-batch run without a customer is seen
 * only by principals of every customer. The customer filter is part of each query.
 */
@Component
public class JdbcConsoleRuns {

    private static final String FROM = """
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            LEFT JOIN batch_job_execution_params c
                   ON c.job_execution_id = e.job_execution_id AND c.parameter_name = 'customerId'
            LEFT JOIN batch_job_execution_params a
                   ON a.job_execution_id = e.job_execution_id AND a.parameter_name = 'accountId'
            LEFT JOIN batch_job_execution_params b
                   ON b.job_execution_id = e.job_execution_id AND b.parameter_name = 'eventBatchId'
            LEFT JOIN batch_job_execution_params t
                   ON t.job_execution_id = e.job_execution_id AND t.parameter_name = 'snapshotType'
            LEFT JOIN batch_job_execution_params g
                   ON g.job_execution_id = e.job_execution_id AND g.parameter_name = 'triggerEvent'
            LEFT JOIN batch_job_execution_params o
                   ON o.job_execution_id = e.job_execution_id AND o.parameter_name = 'asOf'
            LEFT JOIN accounts acc ON acc.account_id = CAST(a.parameter_value AS bigint)
            WHERE i.job_name = 'accountSnapshotJob'""";

    private static final String IN_CUSTOMERS = """

              AND COALESCE(CAST(c.parameter_value AS bigint), acc.customer_id) = ANY(:customers)""";

    /** One condition per filter that is given; each binds its value as a parameter. */
    private static final Map<String, String> SCOPE_CONDITIONS = Map.of(
            "portfolio", " AND c.parameter_value IS NULL AND a.parameter_value IS NULL AND b.parameter_value IS NULL",
            "customer", " AND c.parameter_value IS NOT NULL AND a.parameter_value IS NULL",
            "account", " AND a.parameter_value IS NOT NULL",
            "events", " AND b.parameter_value IS NOT NULL");

    /** What a run's chunk steps counted: the single step, or its partitions. */
    private static final String COUNTS = """
            SELECT job_execution_id, sum(read_count) AS read, sum(write_count) AS written,
                   sum(filter_count) AS filtered,
                   sum(read_skip_count + process_skip_count + write_skip_count) AS skipped
            FROM batch_step_execution
            WHERE job_execution_id = ANY(:ids) AND (step_name = :step OR step_name LIKE :workerSteps)
            GROUP BY job_execution_id""";

    private final JdbcClient jdbc;

    JdbcConsoleRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of the runs in scope that pass the filter, newest first. */
    public RunPage page(RunFilter filter, int page, int size, CustomerScope scope) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.job_execution_id, e.status, e.exit_code, e.create_time, e.start_time, e.end_time,
                       t.parameter_value AS snapshot_type, g.parameter_value AS trigger_event,
                       o.parameter_value AS as_of, c.parameter_value AS customer_id, a.parameter_value AS account_id,
                       b.parameter_value AS event_batch_id
                """).append(FROM);
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        restrict(sql, parameters, scope);
        if (filter.status() != null) {
            sql.append(" AND e.status = :status");
            parameters.addValue("status", filter.status());
        }
        if (filter.type() != null) {
            sql.append(" AND t.parameter_value = :type");
            parameters.addValue("type", filter.type());
        }
        if (filter.trigger() != null) {
            sql.append(" AND g.parameter_value = :trigger");
            parameters.addValue("trigger", filter.trigger());
        }
        if (filter.scope() != null) {
            sql.append(SCOPE_CONDITIONS.get(filter.scope()));
        }
        if (filter.from() != null) {
            sql.append(" AND e.create_time >= :from");
            parameters.addValue("from", local(filter.from().atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        if (filter.to() != null) {
            sql.append(" AND e.create_time < :to");
            parameters.addValue("to", local(filter.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
        sql.append(" ORDER BY e.job_execution_id DESC LIMIT :limit OFFSET :offset");
        parameters.addValue("limit", size + 1).addValue("offset", (long) page * size);
        List<Row> found = jdbc.sql(sql.toString()).paramSource(parameters).query(JdbcConsoleRuns::row).list();
        List<Row> shown = found.subList(0, Math.min(size, found.size()));
        Map<Long, long[]> counts = counts(shown.stream().map(Row::executionId).toList());
        List<RunRow> rows = new ArrayList<>();
        for (Row row : shown) {
            long[] count = counts.getOrDefault(row.executionId(), new long[4]);
            rows.add(row.with(count));
        }
        return new RunPage(rows, page, size, found.size() > size);
    }

    /** The run exists and its customer is in scope. */
    public boolean isVisible(long executionId, CustomerScope scope) {
        StringBuilder sql = new StringBuilder("SELECT e.job_execution_id ").append(FROM);
        MapSqlParameterSource parameters = new MapSqlParameterSource("executionId", executionId);
        restrict(sql, parameters, scope);
        sql.append(" AND e.job_execution_id = :executionId");
        return !jdbc.sql(sql.toString()).paramSource(parameters).query(Long.class).list().isEmpty();
    }

    /**
     * The durations of the last {@code limit} ended runs of a snapshot type in scope, oldest first, for a
     * chart: execution id and seconds.
     */
    public List<RunDuration> durations(String type, int limit, CustomerScope scope) {
        StringBuilder sql = new StringBuilder("""
                SELECT e.job_execution_id, e.status,
                       EXTRACT(EPOCH FROM (e.end_time - e.start_time)) AS seconds
                """).append(FROM);
        MapSqlParameterSource parameters = new MapSqlParameterSource("type", type).addValue("limit", limit);
        restrict(sql, parameters, scope);
        sql.append(" AND t.parameter_value = :type AND e.end_time IS NOT NULL AND e.start_time IS NOT NULL")
                .append(" ORDER BY e.job_execution_id DESC LIMIT :limit");
        List<RunDuration> newestFirst = jdbc.sql(sql.toString()).paramSource(parameters)
                .query((rs, n) -> new RunDuration(rs.getLong("job_execution_id"), rs.getString("status"),
                        rs.getDouble("seconds")))
                .list();
        List<RunDuration> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** A run's id, status and duration in seconds. */
    public record RunDuration(long executionId, String status, double seconds) {
    }

    private static void restrict(StringBuilder sql, MapSqlParameterSource parameters, CustomerScope scope) {
        if (!scope.unrestricted()) {
            sql.append(IN_CUSTOMERS);
            parameters.addValue("customers", scope.sqlArray());
        }
    }

    private Map<Long, long[]> counts(List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql(COUNTS)
                .param("ids", ids.toArray(Long[]::new))
                .param("step", AccountSnapshotJobConfiguration.STEP_NAME)
                .param("workerSteps", AccountSnapshotJobConfiguration.WORKER_STEP_NAME + "%")
                .query((rs, n) -> Map.entry(rs.getLong("job_execution_id"), new long[] {rs.getLong("read"),
                        rs.getLong("written"), rs.getLong("filtered"), rs.getLong("skipped")}))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Row(long executionId, String status, String exitCode, String type, @Nullable String trigger,
            String scope, @Nullable String asOf, @Nullable Long eventBatchId, @Nullable Instant created,
            @Nullable Duration duration) {

        RunRow with(long[] counts) {
            return new RunRow(executionId, status, exitCode, type, trigger, scope, asOf, eventBatchId, created,
                    duration, counts[0], counts[1], counts[2], counts[3]);
        }
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        Long customerId = id(rs.getString("customer_id"));
        Long accountId = id(rs.getString("account_id"));
        Long eventBatchId = id(rs.getString("event_batch_id"));
        Instant start = instant(rs.getTimestamp("start_time"));
        Instant end = instant(rs.getTimestamp("end_time"));
        return new Row(rs.getLong("job_execution_id"), rs.getString("status"), rs.getString("exit_code"),
                rs.getString("snapshot_type"), rs.getString("trigger_event"),
                new Scope(customerId, accountId, eventBatchId).description(), rs.getString("as_of"), eventBatchId,
                instant(rs.getTimestamp("create_time")),
                start == null || end == null ? null : Duration.between(start, end));
    }

    private static @Nullable Long id(@Nullable String text) {
        return text == null ? null : Long.valueOf(text);
    }

    /** Spring Batch keeps its times as local date-times of the JVM that wrote them. */
    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toLocalDateTime().atZone(ZoneId.systemDefault()).toInstant();
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
    }
}
