-- The 24-hour range of each price (for the market monitor's blast radius), and the quarantine of
-- position rows that cannot be read.
ALTER TABLE prices ADD COLUMN high_24h REAL;
ALTER TABLE prices ADD COLUMN low_24h REAL;
ALTER TABLE prices ADD COLUMN change_24h_pct REAL;

CREATE TABLE positions_quarantine (
    id             INTEGER PRIMARY KEY,
    position_id    TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    raw            TEXT    NOT NULL,
    quarantined_at TEXT    NOT NULL
);
