-- The strings a snapshot copies from accounts are text (SPEC §7: never fatal): a platform whose accounts
-- columns are wider than SPEC §2's would otherwise fail whole chunks with "value too long". varchar to text
-- needs no table rewrite in PostgreSQL.
ALTER TABLE account_snapshots
    ALTER COLUMN account_name        TYPE text,
    ALTER COLUMN account_status      TYPE text,
    ALTER COLUMN industry            TYPE text,
    ALTER COLUMN region              TYPE text,
    ALTER COLUMN external_account_id TYPE text;
