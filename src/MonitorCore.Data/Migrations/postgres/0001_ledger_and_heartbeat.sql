-- The run ledger and the loop heartbeat.
CREATE TABLE monitor_ledger (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    monitor_name TEXT        NOT NULL,
    timestamp    TIMESTAMPTZ NOT NULL,
    status       TEXT        NOT NULL,
    metadata     JSONB       NOT NULL DEFAULT '{}',
    duration_ms  DOUBLE PRECISION,
    cycle_id     TEXT
);
-- The status snapshot reads the newest row per monitor through this index.
CREATE INDEX ix_monitor_ledger_monitor_time ON monitor_ledger (monitor_name, timestamp, id);
CREATE INDEX ix_monitor_ledger_time ON monitor_ledger (timestamp);

CREATE TABLE monitor_heartbeat (
    monitor_name     TEXT PRIMARY KEY,
    last_run         TIMESTAMPTZ,
    interval_seconds INTEGER NOT NULL DEFAULT 60 CHECK (interval_seconds >= 1)
);
