-- The alert lifecycle (one FIRING row per rule and subject) and the durable notification outbox.
CREATE TABLE alerts (
    id               INTEGER PRIMARY KEY,
    rule             TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    monitor          TEXT    NOT NULL,
    level            TEXT    NOT NULL,
    peak_level       TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    value            REAL    NOT NULL,
    threshold        REAL    NOT NULL,
    message          TEXT    NOT NULL,
    first_seen       TEXT    NOT NULL,
    last_seen        TEXT    NOT NULL,
    last_changed     TEXT    NOT NULL,
    resolved_at      TEXT,
    acknowledged_at  TEXT,
    last_notified_at TEXT,
    notify_count     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_alerts_firing ON alerts (rule, subject) WHERE state = 'FIRING';
CREATE INDEX ix_alerts_state ON alerts (state, monitor);

CREATE TABLE notification_outbox (
    id                  INTEGER PRIMARY KEY,
    channel             TEXT    NOT NULL,
    recipient           TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    body                TEXT    NOT NULL,
    level               TEXT    NOT NULL,
    alert_ids           TEXT    NOT NULL DEFAULT '[]',
    group_key           TEXT,
    idempotency_key     TEXT    NOT NULL UNIQUE,
    status              TEXT    NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT    NOT NULL,
    next_attempt_at     TEXT    NOT NULL,
    sent_at             TEXT,
    provider_message_id TEXT,
    last_error          TEXT,
    claimed_by          TEXT,
    claimed_until       TEXT
);
CREATE INDEX ix_outbox_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_channel_time ON notification_outbox (channel, created_at);
