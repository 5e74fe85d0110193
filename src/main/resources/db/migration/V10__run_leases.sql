-- Who is running what: a process running a job execution (or one partition of it, by its step execution)
-- holds a lease on it and renews it on a heartbeat. A lease not renewed within the heartbeat timeout, or
-- released while its execution is still marked running, belongs to a process that is gone. All times are
-- the database's clock (now()), so the clocks of the hosts do not matter. No foreign keys to the job
-- repository, like snapshot_run_issues: it can be emptied on its own.
CREATE TABLE snapshot_run_leases (
    lease_id          bigserial   PRIMARY KEY,
    job_execution_id  bigint      NOT NULL,
    -- null for the lease of the job execution itself
    step_execution_id bigint,
    owner_host        text        NOT NULL,
    owner_pid         bigint      NOT NULL,
    -- random per process start: tells a restarted process with a reused pid from the one that held the lease
    owner_instance    text        NOT NULL,
    acquired_at       timestamptz NOT NULL,
    renewed_at        timestamptz NOT NULL,
    released_at       timestamptz,
    -- fencing token: goes up each time the lease is taken over from a dead owner
    generation        bigint      NOT NULL DEFAULT 1,
    -- when a run recovery marked the execution FAILED because this lease was dead
    recovered_at      timestamptz
);

CREATE UNIQUE INDEX snapshot_run_leases_execution
    ON snapshot_run_leases (job_execution_id, (COALESCE(step_execution_id, 0)));

CREATE INDEX snapshot_run_leases_renewed ON snapshot_run_leases (renewed_at) WHERE released_at IS NULL;
