-- The event log the live faces stream (runs, cycles, alerts, snoozes, sends, settings). A client resumes
-- after the last id it saw, so ids only grow: AUTOINCREMENT, so that a log emptied by retention never
-- hands out an id again. Retention deletes by `at`.
CREATE TABLE events (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT    NOT NULL,
    at   TEXT    NOT NULL,
    data TEXT    NOT NULL
);
CREATE INDEX ix_events_at ON events (at);
