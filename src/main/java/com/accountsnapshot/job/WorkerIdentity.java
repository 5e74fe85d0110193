package com.accountsnapshot.job;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** Records which process ran a step (or a partition), as {@code worker.id} = pid@host in its context. */
public class WorkerIdentity implements StepExecutionListener {

    /** The execution context key of the process that ran the step: {@code pid@host}. */
    public static final String KEY = "worker.id";

    private static final String ID = ProcessHandle.current().pid() + "@" + hostName();

    @Override
    public void beforeStep(StepExecution stepExecution) {
        stepExecution.getExecutionContext().putString(KEY, ID);
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
        return null;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "unknown-host";
        }
    }
}
