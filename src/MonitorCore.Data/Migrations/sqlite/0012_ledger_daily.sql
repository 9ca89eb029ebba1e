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

-- The import keys of pruned legacy rows: importing the same legacy file again after a prune adds
-- nothing (the rows are already counted in ledger_daily), as it does while they are kept.
CREATE TABLE ledger_pruned_import_keys (
    import_key TEXT NOT NULL PRIMARY KEY
);
