-- The heads no longer carry a copy of their snapshot's tracked fields: a head points to its row (snapshot_id,
-- snapshot_timestamp, the row's primary key), and the enrichment reads the previous snapshot's tracked columns from
-- that row, by key, in the same query that reads the heads.
--
-- The copy (a jsonb object of the 44 tracked columns, about 1.6 kB a head, more than the snapshot row itself) was
-- built by the insert trigger for every new snapshot and written into the head again at every run: of the 36-41 ms
-- an insert of 500 snapshots took on a million accounts with history, about 21 went into building and writing it
-- (15-16 ms without it). Reading the previous snapshots with their tracked columns from the rows takes 3-4 ms a chunk
-- of 500, against 8-9 ms for reading the copies.
--
-- The insert trigger keeps its checks, locks and upsert; the rebuild of the maintenance paths the same. The space
-- of the dropped column is given back as the heads are next written (and by VACUUM FULL account_snapshot_heads).

CREATE OR REPLACE FUNCTION account_snapshot_heads_after_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    refused record;
    refusals bigint;
BEGIN
    -- the heads of these accounts are locked first, so a concurrent chunk of the same account waits for this
    -- one and then sees its head
    EXECUTE $sql$SELECT 1 FROM account_snapshot_heads h WHERE h.account_id IN (SELECT account_id FROM inserted)
    ORDER BY h.account_id FOR UPDATE$sql$;
    EXECUTE $sql$SELECT n.account_id, n.first_sequence, n.last_sequence, n.rows, n.numbers, h.snapshot_sequence_number AS head
    FROM (SELECT account_id, min(snapshot_sequence_number) AS first_sequence,
                 max(snapshot_sequence_number) AS last_sequence, count(*) AS rows,
                 count(DISTINCT snapshot_sequence_number) AS numbers
          FROM inserted GROUP BY account_id) n
    LEFT JOIN account_snapshot_heads h ON h.account_id = n.account_id
    WHERE n.first_sequence <> coalesce(h.snapshot_sequence_number, 0) + 1
       OR n.numbers <> n.rows OR n.last_sequence - n.first_sequence + 1 <> n.rows
    ORDER BY n.account_id
    LIMIT 1$sql$ INTO refused;
    GET DIAGNOSTICS refusals = ROW_COUNT;
    IF refusals > 0 THEN
        IF refused.first_sequence <= coalesce(refused.head, 0) OR refused.numbers <> refused.rows THEN
            RAISE EXCEPTION 'duplicate key value violates unique constraint "account_snapshots_sequence_uk"'
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'account_snapshots_sequence_uk',
                      TABLE = 'account_snapshots',
                      DETAIL = format('Key (account_id, snapshot_sequence_number)=(%s, %s) already exists.',
                              refused.account_id, CASE WHEN refused.first_sequence <= coalesce(refused.head, 0)
                                  THEN refused.first_sequence ELSE refused.last_sequence END);
        END IF;
        RAISE EXCEPTION 'snapshot sequence gap for account %: snapshot_sequence_number % does not follow %',
                refused.account_id, refused.first_sequence, coalesce(refused.head, 0)
            USING ERRCODE = 'check_violation', CONSTRAINT = 'account_snapshots_sequence_ck',
                  TABLE = 'account_snapshots';
    END IF;
    EXECUTE $sql$INSERT INTO account_snapshot_heads AS h (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
        prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
        account_status, prior_overall_health_score, prior_revenue, prior_account_status)
    SELECT l.account_id, l.snapshot_id, l.snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
        l.snapshot_sequence_number, p.snapshot_sequence_number, l.overall_health_score, l.revenue,
        l.account_status, p.overall_health_score, p.revenue, p.account_status
    FROM (SELECT DISTINCT ON (i.account_id) i.account_id, i.snapshot_id, i.snapshot_timestamp,
                 i.snapshot_sequence_number, i.overall_health_score, i.revenue, i.account_status
          FROM inserted i
          ORDER BY i.account_id, i.snapshot_sequence_number DESC) l
    LEFT JOIN (SELECT DISTINCT ON (i.account_id) i.account_id, i.snapshot_id, i.snapshot_timestamp,
                      i.snapshot_sequence_number, i.overall_health_score, i.revenue, i.account_status
               FROM inserted i
               JOIN (SELECT account_id, max(snapshot_sequence_number) AS latest FROM inserted GROUP BY account_id) m
                 ON m.account_id = i.account_id AND i.snapshot_sequence_number < m.latest
               ORDER BY i.account_id, i.snapshot_sequence_number DESC) within ON within.account_id = l.account_id
    LEFT JOIN account_snapshot_heads head_row ON head_row.account_id = l.account_id AND within.account_id IS NULL
    CROSS JOIN LATERAL (SELECT coalesce(within.snapshot_id, head_row.snapshot_id) AS snapshot_id,
                               coalesce(within.snapshot_timestamp, head_row.snapshot_timestamp) AS snapshot_timestamp,
                               coalesce(within.snapshot_sequence_number, head_row.snapshot_sequence_number)
                                   AS snapshot_sequence_number,
                               CASE WHEN within.account_id IS NULL THEN head_row.overall_health_score
                                    ELSE within.overall_health_score END AS overall_health_score,
                               CASE WHEN within.account_id IS NULL THEN head_row.revenue
                                    ELSE within.revenue END AS revenue,
                               CASE WHEN within.account_id IS NULL THEN head_row.account_status
                                    ELSE within.account_status END AS account_status) p
    ON CONFLICT (account_id) DO UPDATE SET snapshot_id = excluded.snapshot_id,
        snapshot_timestamp = excluded.snapshot_timestamp, prior_snapshot_id = excluded.prior_snapshot_id,
        prior_snapshot_timestamp = excluded.prior_snapshot_timestamp,
        snapshot_sequence_number = excluded.snapshot_sequence_number,
        prior_sequence_number = excluded.prior_sequence_number,
        overall_health_score = excluded.overall_health_score, revenue = excluded.revenue,
        account_status = excluded.account_status, prior_overall_health_score = excluded.prior_overall_health_score,
        prior_revenue = excluded.prior_revenue, prior_account_status = excluded.prior_account_status$sql$;
    RETURN NULL;
END $$;

-- The heads of the given accounts, built again from their history (after rows were removed, moved or changed
-- by a maintenance path); an account without snapshots left loses its head.
CREATE OR REPLACE FUNCTION rebuild_account_snapshot_heads(accounts bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM account_snapshot_heads WHERE account_id = ANY(accounts);
    INSERT INTO account_snapshot_heads (account_id, snapshot_id, snapshot_timestamp, prior_snapshot_id,
        prior_snapshot_timestamp, snapshot_sequence_number, prior_sequence_number, overall_health_score, revenue,
        account_status, prior_overall_health_score, prior_revenue, prior_account_status)
    SELECT l.account_id, l.snapshot_id, l.snapshot_timestamp, p.snapshot_id, p.snapshot_timestamp,
        l.snapshot_sequence_number, p.snapshot_sequence_number, l.overall_health_score, l.revenue,
        l.account_status, p.overall_health_score, p.revenue, p.account_status
    FROM (SELECT DISTINCT unnest(accounts) AS account_id) a
    CROSS JOIN LATERAL (SELECT * FROM account_snapshots s WHERE s.account_id = a.account_id
                        ORDER BY s.snapshot_sequence_number DESC LIMIT 1) l
    LEFT JOIN LATERAL (SELECT * FROM account_snapshots s WHERE s.account_id = a.account_id
                         AND s.snapshot_sequence_number < l.snapshot_sequence_number
                       ORDER BY s.snapshot_sequence_number DESC LIMIT 1) p ON true;
$$;

ALTER TABLE account_snapshot_heads DROP COLUMN tracked_fields;

DROP FUNCTION account_snapshot_tracked_fields(jsonb);

COMMENT ON TABLE account_snapshot_heads IS
    'Per account: its latest snapshot (by the key of its row) and the one before, as the next snapshot needs them; '
    'kept by triggers';
