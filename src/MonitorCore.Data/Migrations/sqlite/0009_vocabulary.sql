-- One vocabulary (docs/behaviour.md, "Vocabulary"): outbox statuses and the enum words inside stored
-- settings become UPPER_SNAKE_CASE like every other stored word. Every row is kept.
UPDATE notification_outbox SET status = upper(status) WHERE status <> upper(status);

UPDATE system_vars SET value =
    replace(replace(replace(value,
        '"scope":"global"', '"scope":"GLOBAL"'),
        '"scope":"monitor"', '"scope":"MONITOR"'),
        '"scope":"alert"', '"scope":"ALERT"')
WHERE key = 'snoozes';

UPDATE system_vars SET value =
    replace(replace(replace(replace(replace(replace(value,
        '"direction":"both"', '"direction":"BOTH"'),
        '"direction":"up"', '"direction":"UP"'),
        '"direction":"down"', '"direction":"DOWN"'),
        '"mode":"ladder"', '"mode":"LADDER"'),
        '"mode":"reset"', '"mode":"RESET"'),
        '"mode":"single"', '"mode":"SINGLE"')
WHERE key = 'market_monitor_config';
