-- Every state-changing action of an operator (command line, HTTP, schedule), accepted or refused.
CREATE TABLE operator_audit (
    audit_id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at    timestamptz  NOT NULL DEFAULT now(),
    principal      varchar(255) NOT NULL,
    action         varchar(100) NOT NULL,
    target         text         NOT NULL,
    outcome        text         NOT NULL,
    remote_address varchar(100)
);

CREATE INDEX operator_audit_occurred_idx ON operator_audit (occurred_at DESC, audit_id DESC);

-- Snapshots moved out of account_snapshots by quarantine-future-snapshots (a snapshot_timestamp later than
-- the moment they were moved), exactly as they were, until restore-quarantined-snapshots moves them back.
CREATE TABLE account_snapshots_quarantine (LIKE account_snapshots INCLUDING DEFAULTS);
-- (LIKE copies the columns, their NOT NULLs and defaults, not the identity: quarantined rows keep their ids)
ALTER TABLE account_snapshots_quarantine ADD COLUMN quarantined_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE account_snapshots_quarantine ADD PRIMARY KEY (snapshot_id);
