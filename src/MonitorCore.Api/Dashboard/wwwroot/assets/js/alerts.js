// Alerts and their delivery: each firing alert with its level, value, line and age; acknowledge and snooze in
// one click; each notification it caused with its channel, state and the provider's answer; a channel test.

import { api, ApiProblem } from './api.js';
import { byId, fill, h, rerender } from './dom.js';
import { ago, ageSeconds, duration, number, stateOf } from './format.js';
import { setFiring } from './watcher.js';

const levelOrder = { HIGH: 0, MEDIUM: 1, LOW: 2 };
let onChanged = () => {};

/** What to re-read after an action here (the event stream would say so too, later). */
export const afterAction = callback => { onChanged = callback; };

export async function refreshAlerts() {
  const [firing, status] = await Promise.all([api.get('/api/alerts'), api.get('/status')]);
  const alerts = [...firing.alerts].sort((a, b) => levelOrder[a.level] - levelOrder[b.level] || a.first_seen.localeCompare(b.first_seen));
  const deliveries = await Promise.all(alerts.slice(0, 25).map(a =>
    api.get(`/api/notifications?alert_id=${a.id}&limit=20`).then(r => r.notifications, () => null)));
  const snoozed = snoozesByAlert(status.snoozes ?? []);
  setFiring(alerts);
  const list = byId('alert-list');
  rerender(list, () => fill(list, alerts.length === 0
    ? h('li', { class: 'empty' }, 'No alert is firing.')
    : alerts.map((a, i) => alertItem(a, deliveries[i], snoozed.get(String(a.id))))));
}

function snoozesByAlert(snoozes) {
  const map = new Map();
  for (const s of snoozes) if (s.scope === 'ALERT') map.set(String(s.target), s);
  return map;
}

function alertItem(a, notifications, snooze) {
  const heading = `alert-${a.id}-title`;
  return h('li', { class: 'alert', 'data-alert': a.id, 'data-level': a.level, 'aria-labelledby': heading },
    h('div', { class: 'alert-head' },
      h('span', { class: 'badge', 'data-state': stateOf(a.level) }, a.level),
      h('h3', { id: heading }, `${a.rule}`, h('span', { class: 'muted' }, ` · ${a.monitor}`))),
    h('p', {}, a.message),
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'Value'), h('dd', {}, number(a.value, 4))),
      h('div', {}, h('dt', {}, 'Line'), h('dd', {}, number(a.threshold, 4))),
      h('div', {}, h('dt', {}, 'Firing for'), h('dd', {}, h('time', { datetime: a.first_seen, 'data-for': a.first_seen }, duration(ageSeconds(a.first_seen))))),
      h('div', {}, h('dt', {}, 'Acknowledged'), h('dd', { class: 'acknowledged' }, a.acknowledged_at
        ? h('time', { datetime: a.acknowledged_at, 'data-since': a.acknowledged_at }, ago(a.acknowledged_at)) : 'no'))),
    h('div', { class: 'actions', role: 'group', 'aria-label': `Actions for alert ${a.id}` },
      a.acknowledged_at ? null : button('Acknowledge', () => api.post(`/api/alerts/${a.id}/acknowledge`), a, 'primary'),
      snooze
        ? [h('span', { class: 'chip' }, snooze.until_resolved ? 'Snoozed until resolved' : 'Snoozed'),
          button('Unsnooze', () => api.del(`/api/alerts/${a.id}/snooze`), a)]
        : [button('Snooze 30 min', () => api.post(`/api/alerts/${a.id}/snooze`, { for: '30m' }), a),
          button('Snooze 2 h', () => api.post(`/api/alerts/${a.id}/snooze`, { for: '2h' }), a),
          button('Snooze until resolved', () => api.post(`/api/alerts/${a.id}/snooze`, { until_resolved: true }), a)]),
    h('p', { class: 'problem', id: `alert-${a.id}-problem`, role: 'alert', hidden: true }),
    deliveriesOf(notifications, a.id));
}

function button(label, action, alert, kind) {
  return h('button', {
    type: 'button', class: kind ?? null, 'data-key': `${alert.id}:${label}`,
    onclick: async event => {
      const problem = byId(`alert-${alert.id}-problem`);
      event.currentTarget.disabled = true;
      try {
        await action();
        problem.hidden = true;
      } catch (error) {
        problem.hidden = false;
        problem.textContent = error instanceof ApiProblem ? `${error.title}: ${error.detail}` : error.message;
        event.currentTarget.disabled = false;
      }
      onChanged();
    },
  }, label);
}

function deliveriesOf(notifications, alertId) {
  if (notifications === null) return h('p', { class: 'muted' }, 'Deliveries could not be read.');
  if (notifications.length === 0) return h('p', { class: 'muted' }, 'No notification for this alert (ledger only, or not yet due).');
  const counts = {};
  for (const n of notifications) counts[n.status] = (counts[n.status] ?? 0) + 1;
  return h('details', { class: 'deliveries', 'data-key': `deliveries-${alertId}` },
    h('summary', {}, `${notifications.length} notification${notifications.length > 1 ? 's' : ''}: `,
      Object.entries(counts).map(([s, c]) => `${c} ${s}`).join(', ')),
    h('ul', {}, notifications.map(n => h('li', { 'data-notification': n.id },
      h('span', { class: 'badge', 'data-state': stateOf(n.status) }, n.status), ' ',
      h('strong', {}, n.channel), n.recipient ? ` to ${n.recipient}` : '',
      ` · ${n.attempts} attempt${n.attempts === 1 ? '' : 's'}`,
      n.sent_at ? [' · sent ', h('time', { datetime: n.sent_at, 'data-since': n.sent_at }, ago(n.sent_at))] : '',
      n.provider_message_id ? h('div', { class: 'muted' }, `provider id ${n.provider_message_id}`) : null,
      n.last_error ? h('div', { class: 'provider-error' }, n.last_error) : null))));
}

export async function refreshChannels() {
  const list = await api.get('/api/channels');
  fill(byId('channels'), list.channels.map(c => h('li', { class: 'channel' },
    h('span', { class: 'badge', 'data-state': c.configured ? 'ok' : 'off' }, c.configured ? 'ready' : 'not set up'),
    h('strong', {}, c.name),
    c.configured ? null : h('span', { class: 'muted' }, c.not_configured_reason),
    h('button', { type: 'button', 'data-key': c.name, onclick: event => testChannel(c.name, event.currentTarget) }, `Test ${c.name}`))));
}

async function testChannel(channel, button) {
  const reply = byId('channel-reply');
  button.disabled = true;
  reply.textContent = `Sending a test through ${channel}…`;
  try {
    const answer = await api.post(`/api/channels/${encodeURIComponent(channel)}/test`, { level: 'LOW' });
    const r = answer.result;
    reply.dataset.state = stateOf(r.status);
    reply.textContent = `${channel}: ${r.status}${r.provider_message_id ? `, provider id ${r.provider_message_id}` : ''}` +
      `${r.error ? ` — ${r.error}` : ''} (notification ${r.notification_id}, recorded as xcom_monitor run ${answer.run.id}: ${answer.run.status})`;
  } catch (error) {
    reply.dataset.state = 'error';
    reply.textContent = error instanceof ApiProblem ? `${channel}: ${error.title}: ${error.detail}` : error.message;
  } finally {
    button.disabled = false;
    onChanged();
  }
}
