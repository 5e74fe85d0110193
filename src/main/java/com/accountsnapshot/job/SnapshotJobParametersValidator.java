package com.accountsnapshot.job;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * The job's own check of its parameters' form. Launches go through {@code SnapshotLauncher}, which checks
 * them (and the scope against the database) before any execution exists; this guards other launch paths.
 */
class SnapshotJobParametersValidator implements JobParametersValidator {

    @Override
    public void validate(@Nullable JobParameters parameters) throws InvalidJobParametersException {
        try {
            SnapshotRequest.from(parameters == null ? new JobParameters() : parameters);
        }
        catch (InvalidSnapshotRequestException ex) {
            throw new InvalidJobParametersException(ex.getMessage());
        }
    }
}
