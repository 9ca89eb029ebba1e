// The watcher itself: a badge per monitor (health, last status, age), the next cycle counting down, the last
// cycle's duration; the tab title and favicon show the worst state of the service and its alerts.

import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { ageSeconds, ago, duration, millis, serverNow, stateOf, syncClock } from './format.js';

let status = null;
let nextCycleAt = null;
let firing = [];
let link = { state: 'connecting', unreachable: false };

export async function refreshStatus() {
  status = await api.get('/status');
  syncClock(status.generated_at);
  nextCycleAt = status.sonic_next === null ? null : serverNow() + status.sonic_next * 1000;
  render();
}

export async function refreshCycle() {
  const page = await api.get('/api/ledger?monitor=sonic_monitor&limit=1');
  const row = page.entries[0];
  fill(byId('sonic-last'), row
    ? [h('span', { class: 'badge', 'data-state': stateOf(row.status) }, row.status), ` took ${millis(row.duration_ms)}, `,
      h('time', { datetime: row.timestamp, 'data-since': row.timestamp }, ago(row.timestamp)),
      row.metadata?.overrun ? ' (overran)' : '']
    : 'no cycle yet');
}

/** The firing alerts, as the alerts panel last read them (they count for the worst state). */
export function setFiring(alerts) {
  firing = alerts;
  showWorst();
}

export function setConnection(state) {
  link = state;
  showWorst();
}

export const currentStatus = () => status;

function render() {
  const overall = byId('overall');
  overall.textContent = status.overall;
  overall.dataset.state = stateOf(status.overall);
  const mode = byId('mode');
  mode.hidden = false;
  mode.textContent = status.mode === 'demo' ? 'demo data' : 'live data';
  mode.dataset.state = status.mode === 'demo' ? 'warn' : 'ok';
  byId('demo-note').hidden = status.mode !== 'demo';

  fill(byId('monitors'), status.monitors.map(m => h('li', { class: 'monitor', 'data-monitor': m.name },
    h('span', { class: 'badge', 'data-state': stateOf(m.health) }, m.health),
    h('strong', {}, m.name),
    h('span', { class: 'muted' }, m.last_status ? `${m.last_status}, ` : 'never run', m.last_run
      ? h('time', { datetime: m.last_run, 'data-since': m.last_run }, ago(m.last_run)) : null,
    ` · every ${duration(m.interval_seconds)}`))));

  const snoozes = status.snoozes ?? [];
  fill(byId('snoozes'), snoozes.length === 0 ? 'none' : snoozes.map(s =>
    h('span', { class: 'chip' }, `${s.scope === 'GLOBAL' ? 'everything' : s.scope === 'MONITOR' ? s.target : `alert ${s.target}`}: `,
      s.seconds_left === null ? 'until resolved' : `${duration(s.seconds_left)} left`)));
  tick();
  showWorst();
}

/** Every second: the countdown and every "… ago". */
export function tick() {
  if (status) {
    const next = byId('sonic-next');
    if (nextCycleAt === null) next.textContent = status.monitors.length ? 'not scheduled yet' : '–';
    else {
      const left = (nextCycleAt - serverNow()) / 1000;
      next.textContent = left > 0 ? `in ${duration(left)}` : 'due now';
    }
  }
  for (const node of document.querySelectorAll('[data-since]')) setText(node, ago(node.dataset.since));
  for (const node of document.querySelectorAll('[data-for]')) setText(node, duration(ageSeconds(node.dataset.for)));
}

/** Writes only a text that changed: an unchanged one would still make the browser lay the page out again. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

const rank = { ok: 0, off: 1, warn: 2, error: 3 };

/** The worst of the service's health and its unacknowledged firing alerts; grey when it cannot be reached. */
function showWorst() {
  let worst = status ? stateOf(status.overall) : 'off';
  const loud = firing.filter(a => a.state === 'FIRING' && !a.acknowledged_at);
  for (const alert of loud) {
    const state = alert.level === 'HIGH' ? 'error' : alert.level === 'MEDIUM' ? 'warn' : 'ok';
    if (rank[state] > rank[worst]) worst = state;
  }
  if (link.unreachable) worst = 'off';
  const high = loud.filter(a => a.level === 'HIGH').length;
  const word = link.unreachable ? 'Unreachable' : status?.overall ?? 'Loading';
  document.title = `${high ? `${high} HIGH · ` : ''}${word} · Monitor Core`;
  document.documentElement.dataset.worst = worst;
  drawFavicon(worst);
}

const colours = { ok: '#2da44e', warn: '#d29922', error: '#e5534b', off: '#8b949e' };
let drawn = null;

function drawFavicon(state) {
  if (drawn === state) return;
  drawn = state;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 32;
  const g = canvas.getContext('2d');
  g.fillStyle = colours[state];
  g.beginPath();
  g.arc(16, 16, 14, 0, 2 * Math.PI);
  g.fill();
  const icon = byId('favicon');
  icon.href = canvas.toDataURL('image/png');
  icon.dataset.state = state;
}

