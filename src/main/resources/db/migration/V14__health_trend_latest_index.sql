-- The enrichment reads an account's latest health trend month ordered year DESC NULLS LAST, month DESC NULLS LAST
-- (a row without a year or month comes last). The index of V1 orders DESC, which puts nulls first, so every
-- lookup sorted the account's months; this one gives them in the query's order.
CREATE INDEX health_trends_account_latest_idx
    ON health_trends (account_id, customer_id, year DESC NULLS LAST, month DESC NULLS LAST);
DROP INDEX IF EXISTS health_trends_account_idx;
