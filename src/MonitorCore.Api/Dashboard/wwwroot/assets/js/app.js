// The dashboard: a client of Monitor Core's public HTTP API and its event stream, nothing privileged.

import { onKeyChanged } from './key.js';
import { afterAction, refreshAlerts, refreshChannels } from './alerts.js';
import { initChart, refreshChart } from './chart.js';
import { initLedger, refreshLedger } from './ledger.js';
import { connect, invalidate, invalidateAll, onStateChange, refreshAllNow, register } from './live.js';
import { refreshPositions } from './risk.js';
import { initSettings, refreshSettings } from './settings.js';
import { initTheme } from './theme.js';
import { refreshCycle, refreshStatus, setConnection, tick } from './watcher.js';

register('status', refreshStatus);
register('cycle', refreshCycle);
register('positions', refreshPositions);
register('alerts', refreshAlerts);
register('channels', refreshChannels);
register('chart', refreshChart);
register('ledger', refreshLedger);
register('settings', refreshSettings);

onStateChange(setConnection);
afterAction(() => invalidate('alerts', 'status', 'ledger'));
initTheme(() => invalidate('settings', 'chart'));
initSettings(() => invalidate('settings', 'positions', 'status', 'chart'));
initChart(() => invalidate('chart'));
onKeyChanged(() => { connect(); invalidateAll(); });
setInterval(tick, 1000);

initLedger(() => invalidate('ledger')).catch(error => console.error('ledger filters', error));
refreshAllNow();
connect();
