-- The event log the live faces stream (runs, cycles, alerts, snoozes, sends, settings). A client resumes
-- after the last id it saw; ids come from a sequence, so they only grow (two transactions may commit out
-- of id order: the stream's tail allows for it). Retention deletes by `at`.
CREATE TABLE events (
    id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type TEXT        NOT NULL,
    at   TIMESTAMPTZ NOT NULL,
    data JSONB       NOT NULL
);
CREATE INDEX ix_events_at ON events (at);
