-- The account id ranges the demo generator created: the only accounts the demo's simulated activity
-- (revenue, status and health moving between runs) may touch.
CREATE TABLE demo_portfolios (
    demo_portfolio_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    seed              bigint      NOT NULL,
    first_account_id  bigint      NOT NULL,
    last_account_id   bigint      NOT NULL,
    generated_at      timestamptz NOT NULL DEFAULT now()
);
