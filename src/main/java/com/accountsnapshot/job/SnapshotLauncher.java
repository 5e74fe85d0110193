package com.accountsnapshot.job;

import java.time.Clock;
import java.util.Map;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Component;

/**
 * Launches {@code accountSnapshotJob} from parameters given as text. Everything that can be wrong with
 * them is refused here, before the job repository holds any trace of the launch.
 */
@Component
public class SnapshotLauncher {

    private final JobOperator jobOperator;

    private final Job accountSnapshotJob;

    private final SnapshotRequestValidator validator;

    private final SnapshotJobProperties properties;

    private final Clock clock;

    SnapshotLauncher(JobOperator jobOperator, Job accountSnapshotJob, SnapshotRequestValidator validator,
            SnapshotJobProperties properties) {
        this.jobOperator = jobOperator;
        this.accountSnapshotJob = accountSnapshotJob;
        this.validator = validator;
        this.properties = properties;
        this.clock = Clock.systemUTC();
    }

    /** Parses and checks the parameters (docs/operations.md#run-parameters). */
    public SnapshotRequest request(Map<String, String> parameters) {
        SnapshotRequest request = SnapshotRequest.parse(parameters, clock.instant());
        validator.validate(request);
        return request;
    }

    /**
     * Starts a run, its shape (see {@link RunShape}) recorded with its parameters, and returns its execution; with
     * the default synchronous job operator the run has ended by then.
     */
    public JobExecution start(SnapshotRequest request) throws Exception {
        return jobOperator.start(accountSnapshotJob, RunShape.of(properties).addTo(request.toJobParameters()));
    }
}
