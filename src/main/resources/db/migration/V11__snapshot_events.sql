-- Event-driven snapshots: the platform's events (from its outbox insert, RabbitMQ or HTTP), the batches
-- serve cuts from them, and each batch's accounts, which are the scope of the batch's run.
CREATE TABLE snapshot_event_batches (
    batch_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_type       varchar(40)  NOT NULL,
    cut_at           timestamptz  NOT NULL,
    event_count      integer      NOT NULL,
    first_event_id   varchar(100) NOT NULL,
    -- batched: waiting for its run to start; started: its run is attached; done: its run completed
    status           varchar(10)  NOT NULL DEFAULT 'batched' CHECK (status IN ('batched', 'started', 'done')),
    job_execution_id bigint
);

CREATE INDEX snapshot_event_batches_open ON snapshot_event_batches (batch_id) WHERE status <> 'done';

CREATE TABLE snapshot_event_batch_accounts (
    batch_id    bigint NOT NULL REFERENCES snapshot_event_batches (batch_id),
    account_id  bigint NOT NULL,
    customer_id bigint NOT NULL,
    PRIMARY KEY (batch_id, account_id)
);

-- The platform inserts its events in the transaction of the change they announce:
--   INSERT INTO snapshot_events (event_id, event_type, customer_id, account_id, occurred_at, payload)
--   VALUES (...) ON CONFLICT (event_id) DO NOTHING
-- Rows are validated when serve picks them up; a row it cannot use is marked rejected with the problem.
-- Columns are loose on purpose (text type, nullable ids) so that a bad event is recorded, not refused.
CREATE TABLE snapshot_events (
    event_id         varchar(100) PRIMARY KEY,
    event_type       text,
    customer_id      bigint,
    account_id       bigint,
    occurred_at      timestamptz,
    payload          jsonb,
    received_at      timestamptz NOT NULL DEFAULT now(),
    source           varchar(10) NOT NULL DEFAULT 'outbox' CHECK (source IN ('outbox', 'amqp', 'http')),
    status           varchar(10) NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'batched', 'done', 'rejected')),
    batch_id         bigint REFERENCES snapshot_event_batches (batch_id),
    job_execution_id bigint,
    problem          text
);

CREATE INDEX snapshot_events_pending ON snapshot_events (received_at) WHERE status = 'pending';
CREATE INDEX snapshot_events_batch ON snapshot_events (batch_id);
