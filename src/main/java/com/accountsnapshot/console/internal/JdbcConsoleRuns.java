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
import org.springframework.transaction.annotation.Transactional;

/**
 * The console's reads of the job repository: the runs list (filtered, paged, newest first), whether a run is
 * one the principal may see, and the durations of recent runs of a type. A run's customer is its customerId
 * parameter, or the customer of its accountId; a full-portfolio or event-batch run without a customer is seen
 * only by principals of every customer. The customer filter is part of each query.
 */
@Component
public class JdbcConsoleRuns {

    /**
     * A run's parameter by name. Parameters are read by scalar subqueries rather than joined: six joins of the
     * parameters table made planning the query cost more than running it.
     */
    private static final String CUSTOMER = param("customerId");

    private static final String ACCOUNT = param("accountId");

    private static final String EVENT_BATCH = param("eventBatchId");

    private static final String TYPE = param("snapshotType");

    private static final String TRIGGER = param("triggerEvent");

    private static final String AS_OF = param("asOf");

    private static final String FROM = """
            FROM batch_job_execution e
            JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
            WHERE i.job_name = 'accountSnapshotJob'""";

    /** The run's customer: its customerId parameter, or the customer of its accountId. */
    private static final String IN_CUSTOMERS = """

              AND COALESCE(CAST(%s AS bigint),
                           (SELECT acc.customer_id FROM accounts acc WHERE acc.account_id = CAST(%s AS bigint)))
                  = ANY(:customers)""".formatted(CUSTOMER, ACCOUNT);

    /** One condition per scope. */
    private static final Map<String, String> SCOPE_CONDITIONS = Map.of(
            "portfolio", " AND " + CUSTOMER + " IS NULL AND " + ACCOUNT + " IS NULL AND " + EVENT_BATCH + " IS NULL",
            "customer", " AND " + CUSTOMER + " IS NOT NULL AND " + ACCOUNT + " IS NULL",
            "account", " AND " + ACCOUNT + " IS NOT NULL",
            "events", " AND " + EVENT_BATCH + " IS NOT NULL");

    private static String param(String name) {
        return "(SELECT p.parameter_value FROM batch_job_execution_params p WHERE p.job_execution_id = e.job_execution_id"
                + " AND p.parameter_name = '" + name + "')";
    }

    /** Runs with a parameter of this value (the value index finds them). */
    private static String having(String name, String parameter) {
        return " AND e.job_execution_id IN (SELECT p.job_execution_id FROM batch_job_execution_params p"
                + " WHERE p.parameter_name = '" + name + "' AND p.parameter_value = :" + parameter + ")";
    }

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
    @Transactional(readOnly = true)
    public RunPage page(RunFilter filter, int page, int size, CustomerScope scope) {
        planForTheValues();
        StringBuilder sql = new StringBuilder("SELECT e.job_execution_id ").append(FROM);
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        restrict(sql, parameters, scope);
        if (filter.status() != null) {
            sql.append(" AND e.status = :status");
            parameters.addValue("status", filter.status());
        }
        if (filter.type() != null) {
            sql.append(having("snapshotType", "type"));
            parameters.addValue("type", filter.type());
        }
        if (filter.trigger() != null) {
            sql.append(having("triggerEvent", "trigger"));
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
        // numbers, not parameters: the planner needs to see how few rows are wanted
        sql.append(" ORDER BY e.job_execution_id DESC LIMIT %d OFFSET %d".formatted(size + 1, (long) page * size));
        // the page's ids first, then its rows' parameters: those of the rows skipped are never read
        String pageSql = """
                SELECT e.job_execution_id, e.status, e.exit_code, e.create_time, e.start_time, e.end_time,
                       %s AS snapshot_type, %s AS trigger_event, %s AS as_of,
                       %s AS customer_id, %s AS account_id, %s AS event_batch_id
                FROM (%s) page JOIN batch_job_execution e ON e.job_execution_id = page.job_execution_id
                ORDER BY e.job_execution_id DESC""".formatted(TYPE, TRIGGER, AS_OF, CUSTOMER, ACCOUNT, EVENT_BATCH, sql);
        List<Row> found = jdbc.sql(pageSql).paramSource(parameters).query(JdbcConsoleRuns::row).list();
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
    @Transactional(readOnly = true)
    public List<RunDuration> durations(String type, int limit, CustomerScope scope) {
        planForTheValues();
        StringBuilder sql = new StringBuilder("""
                SELECT e.job_execution_id, e.status,
                       EXTRACT(EPOCH FROM (e.end_time - e.start_time)) AS seconds
                """).append(FROM);
        MapSqlParameterSource parameters = new MapSqlParameterSource("type", type);
        restrict(sql, parameters, scope);
        sql.append(having("snapshotType", "type"))
                .append(" AND e.end_time IS NOT NULL AND e.start_time IS NOT NULL")
                .append(" ORDER BY e.job_execution_id DESC LIMIT %d".formatted(limit));
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

    /**
     * Plans this transaction's queries for the values they are given. A statement the driver has prepared on the
     * server is otherwise planned once for any value, and a plan for any snapshot type reads every run of the
     * common ones (2 s instead of 1 ms with 100,000 runs).
     */
    private void planForTheValues() {
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
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
