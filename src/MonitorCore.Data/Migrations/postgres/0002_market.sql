-- Wallets, positions and the price history.
CREATE TABLE wallets (
    name       TEXT        PRIMARY KEY,
    address    TEXT        NOT NULL UNIQUE,
    enabled    BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE positions (
    id                       TEXT             PRIMARY KEY,
    asset_type               TEXT             NOT NULL,
    position_type            TEXT             NOT NULL,
    entry_price              DOUBLE PRECISION NOT NULL,
    current_price            DOUBLE PRECISION NOT NULL DEFAULT 0,
    liquidation_price        DOUBLE PRECISION NOT NULL,
    size                     DOUBLE PRECISION NOT NULL,
    collateral               DOUBLE PRECISION NOT NULL,
    leverage                 DOUBLE PRECISION NOT NULL DEFAULT 0,
    value                    DOUBLE PRECISION NOT NULL DEFAULT 0,
    pnl_after_fees_usd       DOUBLE PRECISION,
    travel_percent           DOUBLE PRECISION NOT NULL DEFAULT 0,
    liquidation_distance     DOUBLE PRECISION NOT NULL DEFAULT 0,
    liquidation_distance_pct DOUBLE PRECISION NOT NULL DEFAULT 0,
    heat_index               DOUBLE PRECISION,
    wallet_name              TEXT,
    last_updated             TIMESTAMPTZ      NOT NULL,
    status                   TEXT             NOT NULL DEFAULT 'ACTIVE',
    stale                    INTEGER          NOT NULL DEFAULT 0,
    source                   TEXT             NOT NULL DEFAULT 'jupiter'
);
CREATE INDEX ix_positions_status ON positions (status);
CREATE INDEX ix_positions_wallet ON positions (wallet_name);

CREATE TABLE prices (
    id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asset_type       TEXT             NOT NULL,
    current_price    DOUBLE PRECISION NOT NULL CHECK (current_price > 0),
    source           TEXT             NOT NULL,
    last_update_time TIMESTAMPTZ      NOT NULL
);
CREATE INDEX ix_prices_asset_time ON prices (asset_type, last_update_time, id);
