-- Wallets, positions and the price history.
CREATE TABLE wallets (
    name       TEXT    PRIMARY KEY,
    address    TEXT    NOT NULL UNIQUE,
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL
);

CREATE TABLE positions (
    id                       TEXT    PRIMARY KEY,
    asset_type               TEXT    NOT NULL,
    position_type            TEXT    NOT NULL,
    entry_price              REAL    NOT NULL,
    current_price            REAL    NOT NULL DEFAULT 0,
    liquidation_price        REAL    NOT NULL,
    size                     REAL    NOT NULL,
    collateral               REAL    NOT NULL,
    leverage                 REAL    NOT NULL DEFAULT 0,
    value                    REAL    NOT NULL DEFAULT 0,
    pnl_after_fees_usd       REAL,
    travel_percent           REAL    NOT NULL DEFAULT 0,
    liquidation_distance     REAL    NOT NULL DEFAULT 0,
    liquidation_distance_pct REAL    NOT NULL DEFAULT 0,
    heat_index               REAL,
    wallet_name              TEXT,
    last_updated             TEXT    NOT NULL,
    status                   TEXT    NOT NULL DEFAULT 'ACTIVE',
    stale                    INTEGER NOT NULL DEFAULT 0,
    source                   TEXT    NOT NULL DEFAULT 'jupiter'
);
CREATE INDEX ix_positions_status ON positions (status);
CREATE INDEX ix_positions_wallet ON positions (wallet_name);

CREATE TABLE prices (
    id               INTEGER PRIMARY KEY,
    asset_type       TEXT    NOT NULL,
    current_price    REAL    NOT NULL CHECK (current_price > 0),
    source           TEXT    NOT NULL,
    last_update_time TEXT    NOT NULL
);
CREATE INDEX ix_prices_asset_time ON prices (asset_type, last_update_time, id);
