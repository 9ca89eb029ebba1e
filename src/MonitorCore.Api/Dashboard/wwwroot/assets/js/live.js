// Keeps the page current: each event marks the panels it affects, and they are re-read together a moment later
// (a burst of events is one re-read). Without the event stream the page re-reads everything every 5 s and says so.

import { byId } from './dom.js';
import { Unreachable } from './api.js';
import { openEventStream } from './stream.js';

const debounceMs = 150;
const pollMs = 5000;
const reopenMs = 15000;
const panels = new Map();
const dirty = new Set();
const running = new Map();
let flushTimer = null;
let pollTimer = null;
let stream = null;
let state = 'connecting'; // connecting | live | lost | unavailable
let everLive = false;
let unreachable = false;
const stateListeners = [];

/** A panel and how to re-read it. */
export const register = (name, refresh) => panels.set(name, refresh);

/** Marks panels as changed; they are re-read within debounceMs. */
export function invalidate(...names) {
  for (const name of names.flat()) if (panels.has(name)) dirty.add(name);
  flushTimer ??= setTimeout(flush, debounceMs);
}

export const invalidateAll = () => invalidate([...panels.keys()]);

/** Re-reads every panel at once: the first load has no burst of events to gather first. */
export function refreshAllNow() {
  for (const name of panels.keys()) dirty.add(name);
  clearTimeout(flushTimer);
  flushTimer = null;
  return flush();
}

export const onStateChange = listener => stateListeners.push(listener);

export const connection = () => ({ state, unreachable });

async function flush() {
  flushTimer = null;
  const names = [...dirty];
  dirty.clear();
  await Promise.all(names.map(refreshPanel));
}

/** Re-reads one panel; a change that arrives while it reads is read again after. */
async function refreshPanel(name) {
  if (running.has(name)) {
    dirty.add(name);
    await running.get(name);
    flushTimer ??= setTimeout(flush, debounceMs);
    return;
  }
  const work = (async () => {
    try {
      await panels.get(name)();
      setUnreachable(false);
    } catch (error) {
      if (error instanceof Unreachable) setUnreachable(true);
      else console.error(`refreshing ${name}`, error);
    }
  })();
  running.set(name, work);
  try { await work; } finally { running.delete(name); }
}

/** Which panels an event changes. */
function affected(event) {
  const monitor = event.data?.monitor_name ?? event.data?.monitor ?? event.data?.entry?.monitor_name;
  switch (event.type) {
    case 'run_recorded':
      return ['status', 'ledger', 'cycle', ...({
        price_monitor: ['positions', 'chart'],
        position_monitor: ['positions'],
        market_monitor: ['chart'],
        xcom_monitor: ['alerts'],
      }[monitor] ?? (monitor ? [] : ['positions', 'alerts']))];
    case 'cycle_completed':
      return ['status', 'cycle', 'ledger', 'positions', 'chart', 'alerts'];
    case 'alert_raised': case 'alert_escalated': case 'alert_resolved': case 'alert_acknowledged': case 'snooze_changed':
      return ['alerts', 'status'];
    case 'notification_sent': case 'notification_failed':
      return ['alerts'];
    case 'settings_changed':
      return ['settings', 'positions', 'status', 'chart'];
    default:
      return ['status'];
  }
}

function setState(next) {
  state = next;
  document.documentElement.dataset.stream = next;
  showBanner();
  stateListeners.forEach(l => l(connection()));
}

function setUnreachable(value) {
  if (unreachable === value) return;
  unreachable = value;
  showBanner();
  stateListeners.forEach(l => l(connection()));
}

function showBanner() {
  const banner = byId('banner');
  const text = unreachable ? 'Monitor Core cannot be reached: retrying every 5 s.'
    : state === 'unavailable' ? 'Live updates unavailable, refreshing every 5 s.'
    : state === 'lost' ? 'Live updates lost: reconnecting, refreshing every 5 s meanwhile.'
    : '';
  banner.textContent = text;
  banner.hidden = text === '';
  banner.dataset.state = unreachable ? 'error' : 'warn';
}

function startPolling() {
  pollTimer ??= setInterval(invalidateAll, pollMs);
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

/** Opens (or re-opens, after a new key) the event stream. */
export function connect() {
  stream?.close();
  stream = openEventStream({
    onOpen: () => {
      const catchUp = state !== 'connecting' || everLive;
      everLive = true;
      stopPolling();
      setState('live');
      if (catchUp) invalidateAll(); // re-read what changed while the stream was away
    },
    onEvent: event => invalidate(affected(event)),
    onLost: reconnecting => {
      startPolling();
      setState(everLive ? 'lost' : 'unavailable');
      if (!reconnecting) {
        stream?.close();
        setTimeout(() => { if (state !== 'live') connect(); }, reopenMs);
      }
    },
  });
}

/** Health goes stale with age even when nothing happens: the watcher is re-read now and then while live. */
setInterval(() => { if (state === 'live') invalidate('status'); }, 30000);
