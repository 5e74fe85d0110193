-- Indexes for reading the job repository by execution: the console's runs list and run pages join a run's
-- parameters by execution id and parameter name, and read its steps by execution id; Spring Batch itself
-- reads a run's parameters, steps and an instance's executions the same way. Its schema has none of them, so
-- with many runs every such read scanned the whole table.
CREATE INDEX batch_job_execution_params_execution
    ON batch_job_execution_params (job_execution_id, parameter_name);

CREATE INDEX batch_step_execution_execution ON batch_step_execution (job_execution_id);

CREATE INDEX batch_job_execution_instance ON batch_job_execution (job_instance_id);

-- The runs list filtered by snapshot type or trigger event finds the executions by parameter value.
CREATE INDEX batch_job_execution_params_value
    ON batch_job_execution_params (parameter_name, parameter_value, job_execution_id);

-- The runs list filtered by status, or by the day runs were created.
CREATE INDEX batch_job_execution_status ON batch_job_execution (status, job_execution_id);

CREATE INDEX batch_job_execution_created ON batch_job_execution (create_time);
