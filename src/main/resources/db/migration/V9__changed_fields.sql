-- What changed since the account's previous snapshot: {field: {"from": ..., "to": ...}} for each tracked field
-- whose stored value differs (docs/snapshot-fields.md, "changed_fields"); null on an account's first snapshot.
-- A nullable column without a default: adding it rewrites no rows, and earlier snapshots read null.
ALTER TABLE account_snapshots ADD COLUMN changed_fields jsonb;
-- The quarantine of future snapshots (V8) holds every column of account_snapshots.
ALTER TABLE account_snapshots_quarantine ADD COLUMN changed_fields jsonb;
