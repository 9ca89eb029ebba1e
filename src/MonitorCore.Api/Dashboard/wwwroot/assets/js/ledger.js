// The ledger: every run, newest first, filtered by monitor, status and time, paged with next_cursor.

import { api, ApiProblem, query } from './api.js';
import { byId, fill, h, rerender } from './dom.js';
import { millis, stateOf, time } from './format.js';

let filters = {};
let cursor = null;
let rows = [];

export async function initLedger(onChange) {
  const form = byId('ledger-filters');
  const monitors = await api.get('/monitors');
  const select = form.elements.monitor;
  for (const name of ['sonic_monitor', ...monitors.monitors.map(m => m.name)]) select.append(h('option', { value: name }, name));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const local = value => (value ? new Date(value).toISOString() : '');
    filters = { monitor: form.elements.monitor.value, status: form.elements.status.value, since: local(form.elements.since.value), until: local(form.elements.until.value) };
    rows = [];
    await load(false);
    onChange?.();
  });
  byId('ledger-more').addEventListener('click', () => load(true));
}

/** Re-reads the newest rows (as many as are shown, so a live update does not cut the list short). */
export const refreshLedger = () => load(false);

async function load(more) {
  const problem = byId('ledger-problem');
  const limit = more ? 50 : Math.min(500, Math.max(50, rows.length));
  try {
    const page = await api.get(`/api/ledger${query({ ...filters, limit, cursor: more ? cursor : null })}`);
    rows = more ? [...rows, ...page.entries] : page.entries;
    cursor = page.next_cursor;
    problem.hidden = true;
  } catch (error) {
    if (!(error instanceof ApiProblem)) throw error;
    problem.hidden = false;
    problem.textContent = `${error.field ? `${error.field}: ` : ''}${error.detail}`;
    return;
  }
  render();
}

function said(id, metadata) {
  const headline = metadata?.error ?? metadata?.warning ?? metadata?.reason;
  const json = JSON.stringify(metadata ?? {});
  return h('details', { 'data-key': `ledger-${id}` },
    h('summary', {}, headline ?? (json.length > 90 ? `${json.slice(0, 90)}…` : json)),
    h('pre', {}, JSON.stringify(metadata ?? {}, null, 2)));
}

function render() {
  const body = byId('ledger-rows');
  rerender(body, () => fill(body, rows.length === 0
    ? h('tr', {}, h('td', { colspan: 6 }, 'No run matches.'))
    : rows.map(r => h('tr', { 'data-ledger-id': r.id, 'data-monitor': r.monitor_name },
      h('td', {}, h('time', { datetime: r.timestamp }, time(r.timestamp))),
      h('td', {}, r.monitor_name),
      h('td', {}, h('span', { class: 'badge', 'data-state': stateOf(r.status) }, r.status)),
      h('td', { class: 'num' }, millis(r.duration_ms)),
      h('td', { class: 'muted' }, r.cycle_id ?? '–'),
      h('td', {}, said(r.id, r.metadata))))));
  byId('ledger-more').hidden = !cursor;
}
