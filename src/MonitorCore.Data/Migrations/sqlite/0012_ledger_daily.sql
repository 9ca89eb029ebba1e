-- Daily rollups of the ledger: before retention deletes raw rows, their per-monitor daily counts by
-- status and run durations are kept here, so that ledger --daily and health history stay readable for
-- years. One row per (monitor, UTC day, status); durations over the runs that had one.
CREATE TABLE ledger_daily (
    monitor_name    TEXT    NOT NULL,
    day             TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    runs            INTEGER NOT NULL,
    duration_runs   INTEGER NOT NULL,
    duration_ms_min REAL,
    duration_ms_max REAL,
    duration_ms_sum REAL,
    PRIMARY KEY (monitor_name, day, status)
);
