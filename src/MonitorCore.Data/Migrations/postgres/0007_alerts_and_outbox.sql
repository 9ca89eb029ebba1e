-- The alert lifecycle (one FIRING row per rule and subject) and the durable notification outbox.
CREATE TABLE alerts (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    rule             TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    monitor          TEXT    NOT NULL,
    level            TEXT    NOT NULL,
    peak_level       TEXT    NOT NULL,
    state            TEXT    NOT NULL,
    value            DOUBLE PRECISION    NOT NULL,
    threshold        DOUBLE PRECISION    NOT NULL,
    message          TEXT    NOT NULL,
    first_seen       TIMESTAMPTZ NOT NULL,
    last_seen        TIMESTAMPTZ NOT NULL,
    last_changed     TIMESTAMPTZ NOT NULL,
    resolved_at      TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    last_notified_at TIMESTAMPTZ,
    notify_count     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX ux_alerts_firing ON alerts (rule, subject) WHERE state = 'FIRING';
CREATE INDEX ix_alerts_state ON alerts (state, monitor);

CREATE TABLE notification_outbox (
    id                  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    channel             TEXT    NOT NULL,
    recipient           TEXT    NOT NULL,
    subject             TEXT    NOT NULL,
    body                TEXT    NOT NULL,
    level               TEXT    NOT NULL,
    alert_ids           JSONB   NOT NULL DEFAULT '[]',
    group_key           TEXT,
    idempotency_key     TEXT    NOT NULL UNIQUE,
    status              TEXT    NOT NULL,
    attempts            INTEGER NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL,
    next_attempt_at     TIMESTAMPTZ NOT NULL,
    sent_at             TIMESTAMPTZ,
    provider_message_id TEXT,
    last_error          TEXT,
    claimed_by          TEXT,
    claimed_until       TIMESTAMPTZ
);
CREATE INDEX ix_outbox_due ON notification_outbox (status, next_attempt_at);
CREATE INDEX ix_outbox_channel_time ON notification_outbox (channel, created_at);
