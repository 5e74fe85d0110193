package com.accountsnapshot.job;

/** A run's parameters were refused before any job execution was created; the message names the parameter. */
public class InvalidSnapshotRequestException extends RuntimeException {

    private final String parameter;

    private final String problem;

    public InvalidSnapshotRequestException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
        this.problem = problem;
    }

    public String parameter() {
        return parameter;
    }

    /** What is wrong with the parameter's value, without its name. */
    public String problem() {
        return problem;
    }
}
