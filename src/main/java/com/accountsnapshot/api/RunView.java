package com.accountsnapshot.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.run.RunReport;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;

/**
 * A run as the API shows it: status, the step's counters and the snapshots it stored (see {@link RunReport}),
 * the parameters it was launched with (snake_case names, as the create body spells them) and its times in UTC.
 */
public record RunView(
        @JsonProperty("execution_id") long executionId,
        @JsonProperty("job_instance_id") long jobInstanceId,
        String status,
        @JsonProperty("exit_code") String exitCode,
        Map<String, Object> parameters,
        @JsonProperty("read_count") long readCount,
        @JsonProperty("written_count") long writtenCount,
        @JsonProperty("snapshots_stored") long snapshotsStored,
        @JsonProperty("filtered_count") long filteredCount,
        @JsonProperty("skipped_count") long skippedCount,
        @JsonProperty("commit_count") long commitCount,
        @JsonProperty("rollback_count") long rollbackCount,
        @JsonProperty("significant_changes") long significantChanges,
        @JsonProperty("issue_count") long issueCount,
        @JsonProperty("create_time") @Nullable Instant createTime,
        @JsonProperty("start_time") @Nullable Instant startTime,
        @JsonProperty("end_time") @Nullable Instant endTime,
        @JsonProperty("duration_ms") @Nullable Long durationMs) {

    static RunView of(JobExecution execution, RunReport report) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing(JobParameter::name))
                .forEach(parameter -> parameters.put(ApiError.snakeCase(parameter.name()), parameter.value()));
        return new RunView(execution.getId(), execution.getJobInstanceId(), report.status().name(), report.exitCode(),
                parameters, report.read(), report.written(), report.snapshotsStored(), report.filtered(),
                report.skipped(), report.commits(), report.rollbacks(), report.significantChanges(), report.issues(),
                utc(execution.getCreateTime()), utc(execution.getStartTime()), utc(execution.getEndTime()),
                report.duration() == null ? null : report.duration().toMillis());
    }

    /** Spring Batch keeps its times as local date-times of the JVM that wrote them. */
    private static @Nullable Instant utc(@Nullable LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
