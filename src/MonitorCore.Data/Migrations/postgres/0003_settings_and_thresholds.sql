-- Runtime settings and the alert thresholds, seeded with the defaults of behaviour §6.
CREATE TABLE system_vars (
    key        TEXT        PRIMARY KEY,
    value      JSONB       NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE alert_thresholds (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_type    TEXT             NOT NULL,
    alert_class   TEXT             NOT NULL,
    metric_key    TEXT             NOT NULL,
    condition     TEXT             NOT NULL CHECK (condition IN ('ABOVE', 'BELOW')),
    low           DOUBLE PRECISION NOT NULL,
    medium        DOUBLE PRECISION NOT NULL,
    high          DOUBLE PRECISION NOT NULL,
    enabled       BOOLEAN          NOT NULL DEFAULT TRUE,
    low_notify    TEXT,
    medium_notify TEXT,
    high_notify   TEXT,
    UNIQUE (alert_type, alert_class)
);

INSERT INTO alert_thresholds (alert_type, alert_class, metric_key, condition, low, medium, high) VALUES
    ('Profit',              'Position',  'pnl_after_fees_usd',       'ABOVE', 10, 25,  50),
    ('TotalProfit',         'Portfolio', 'total_profit',             'ABOVE', 25, 50,  75),
    ('HeatIndex',           'Position',  'heat_index',               'ABOVE', 40, 60,  80),
    ('TravelPercent',       'Position',  'travel_percent',           'BELOW', 50, 70,  90),
    ('LiquidationDistance', 'Position',  'liquidation_distance_pct', 'BELOW', 10, 7.5, 5);
