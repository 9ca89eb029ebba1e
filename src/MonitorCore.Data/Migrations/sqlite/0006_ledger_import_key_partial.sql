-- Rows that monitors write have no import key: keep them out of the unique index, so that an
-- append updates three B-trees instead of four.
DROP INDEX ux_monitor_ledger_import_key;
CREATE UNIQUE INDEX ux_monitor_ledger_import_key ON monitor_ledger (import_key) WHERE import_key IS NOT NULL;
