package com.accountsnapshot.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.accountsnapshot.run.RunReport;
import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;

/**
 * A run as the API shows it: status, the step's counters and the snapshots it stored (see {@link RunReport}),
 * the parameters it was launched with (snake_case names, as the create body spells them) and its times in UTC.
 */
@SnakeCase
public record RunView(
        long executionId,
        long jobInstanceId,
        String status,
        String exitCode,
        Map<String, Object> parameters,
        long readCount,
        long writtenCount,
        long snapshotsStored,
        long filteredCount,
        long skippedCount,
        long commitCount,
        long rollbackCount,
        long significantChanges,
        long issueCount,
        @Nullable Instant createTime,
        @Nullable Instant startTime,
        @Nullable Instant endTime,
        @Nullable Long durationMs) {

    static RunView of(JobExecution execution, RunReport report) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        execution.getJobParameters().parameters().stream()
                .sorted(Comparator.comparing(JobParameter::name))
                .forEach(parameter -> parameters.put(ParameterNames.apiName(parameter.name()), shown(parameter)));
        return new RunView(execution.getId(), execution.getJobInstanceId(), report.status().name(), report.exitCode(),
                parameters, report.read(), report.written(), report.snapshotsStored(), report.filtered(),
                report.skipped(), report.commits(), report.rollbacks(), report.significantChanges(), report.issues(),
                utc(execution.getCreateTime()), utc(execution.getStartTime()), utc(execution.getEndTime()),
                report.duration() == null ? null : report.duration().toMillis());
    }

    /**
     * A parameter's value as the API has always shown it: {@code force} as the text {@code "true"} or
     * {@code "false"}, whether the run holds it as a Boolean or (launched by an earlier version) as that text.
     */
    private static Object shown(JobParameter<?> parameter) {
        return parameter.value() instanceof Boolean flag ? flag.toString() : parameter.value();
    }

    /** Spring Batch keeps its times as local date-times of the JVM that wrote them. */
    private static @Nullable Instant utc(@Nullable LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant();
    }
}
