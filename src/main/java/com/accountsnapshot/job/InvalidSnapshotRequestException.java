package com.accountsnapshot.job;

/** A run's parameters were refused before any job execution was created; the message names the parameter. */
public class InvalidSnapshotRequestException extends RuntimeException {

    private final String parameter;

    public InvalidSnapshotRequestException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
