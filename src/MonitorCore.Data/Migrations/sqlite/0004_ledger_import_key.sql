-- Imported legacy rows carry a key of their source line, so that importing twice adds nothing.
ALTER TABLE monitor_ledger ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX ux_monitor_ledger_import_key ON monitor_ledger (import_key);
