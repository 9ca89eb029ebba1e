-- The 24-hour range of each price (for the market monitor's blast radius), and the quarantine of
-- position rows that cannot be read.
ALTER TABLE prices ADD COLUMN high_24h DOUBLE PRECISION;
ALTER TABLE prices ADD COLUMN low_24h DOUBLE PRECISION;
ALTER TABLE prices ADD COLUMN change_24h_pct DOUBLE PRECISION;

CREATE TABLE positions_quarantine (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position_id    TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    raw            JSONB       NOT NULL,
    quarantined_at TIMESTAMPTZ NOT NULL
);
