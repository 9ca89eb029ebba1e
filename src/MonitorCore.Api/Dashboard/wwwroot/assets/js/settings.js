// Settings: the cycle, the step toggles, the thresholds, the liquidation, market and alerting settings, each with
// where its value came from; what the API refuses is shown next to the field, in the API's own words.

import { api, ApiProblem } from './api.js';
import { byId, fill, h, isEditing, rerender } from './dom.js';
import { applyTheme } from './theme.js';

let onChanged = () => {};
let deferred = false;

export function initSettings(changed) {
  onChanged = changed;
  byId('settings').addEventListener('focusout', () => setTimeout(() => {
    if (deferred && !isEditing(byId('settings'))) { deferred = false; refreshSettings(); }
  }, 0));
}

export async function refreshSettings() {
  const [settings, thresholds, market] = await Promise.all([api.get('/api/settings'), api.get('/api/thresholds'), api.get('/api/market')]);
  applyTheme(settings.settings.find(s => s.key === 'theme_mode')?.value);
  if (isEditing(byId('settings'))) { deferred = true; return; } // never wipe what someone is typing
  const group = prefix => settings.settings.filter(s => s.key.startsWith(prefix));
  rerender(byId('settings'), () => {
    fill(byId('settings-cycle'), settings.settings.filter(s => !s.key.includes(':')).map(settingForm));
    fill(byId('settings-thresholds'), thresholds.thresholds.map(thresholdForm));
    fill(byId('settings-liquid'), group('Monitors:liquid_monitor:').map(settingForm));
    fill(byId('settings-market'), group('Monitors:market_monitor:').map(settingForm),
      h('h4', {}, 'Windows'), market.windows.map(w => windowForm(w, market)),
      h('h4', {}, 'Anchors'), Object.keys(market.config.anchors ?? {}).length === 0
        ? h('p', { class: 'muted' }, 'No anchor yet: each asset is anchored at the first price seen.')
        : Object.entries(market.config.anchors).map(([asset, anchor]) => anchorForm(asset, anchor, market.defaults)));
    fill(byId('settings-alerting'), [...group('Notifications:Alerting:'), ...group('Monitors:position_monitor:')].map(settingForm));
  });
}

const idOf = text => `set-${text.replace(/[^A-Za-z0-9]+/g, '-')}`;
const shortName = key => key.split(':').slice(-1)[0] === '*' ? key.split(':').slice(-2).join(':') : key.split(':').pop();

/** Sends a change; shows the API's problem next to the field, or refreshes. */
async function save(form, errorId, send) {
  const problem = byId(errorId);
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach(b => { b.disabled = true; });
  try {
    await send();
    problem.hidden = true;
    problem.textContent = '';
    form.removeAttribute('aria-invalid');
    onChanged();
  } catch (error) {
    problem.hidden = false;
    problem.textContent = error instanceof ApiProblem ? error.detail : error.message;
    form.setAttribute('aria-invalid', 'true');
    const field = error instanceof ApiProblem && error.field ? form.querySelector(`[data-field="${CSS.escape(error.field)}"]`) : null;
    (field ?? form.querySelector('input, select'))?.focus();
  } finally {
    buttons.forEach(b => { b.disabled = false; });
  }
}

function sourceText(s) {
  const hidden = s.runtime_value !== null && s.runtime_value !== undefined && !s.source.startsWith('runtime')
    ? ` (a runtime value ${s.runtime_value} is hidden by it)` : '';
  return `from ${s.source}${hidden}`;
}

function input(s, id, describedBy) {
  const common = { id, name: 'value', 'data-field': 'value', 'data-key': id, 'aria-describedby': describedBy };
  if (s.type === 'boolean') return h('input', { ...common, type: 'checkbox', checked: s.value === 'true' });
  if (s.choices) return h('select', common, s.choices.map(c => h('option', { value: c, selected: c === s.value }, c)));
  return h('input', { ...common, type: 'text', inputmode: s.type === 'integer' ? 'numeric' : s.type === 'number' ? 'decimal' : null, value: s.value ?? '', placeholder: s.value === null ? 'not set' : null });
}

function settingForm(s) {
  const id = idOf(s.key);
  const wildcard = s.key.endsWith(':*');
  const [hint, error] = [`${id}-hint`, `${id}-error`];
  const control = input(s, id, `${hint} ${error}`);
  const form = h('form', { class: 'setting', 'data-setting': s.key, novalidate: true },
    wildcard ? h('span', { class: 'field' }, h('label', { for: `${id}-name` }, 'Asset'),
      h('input', { id: `${id}-name`, name: 'name', 'data-field': 'key', size: 5, placeholder: 'SOL', 'aria-describedby': hint })) : null,
    h('span', { class: 'field' }, h('label', { for: id }, wildcard ? 'its line (%)' : shortName(s.key)), control),
    s.type === 'boolean' ? null : h('button', { type: 'submit', 'data-key': `${id}-save` }, 'Save'), // a switch saves when it changes
    !wildcard && s.runtime_value !== null && s.runtime_value !== undefined
      ? h('button', { type: 'button', class: 'quiet', onclick: () => save(form, error, () => api.del(`/api/settings/${encodeURIComponent(s.key)}`)) }, 'Reset') : null,
    h('p', { class: 'hint', id: hint }, `${s.description} `, h('span', { class: 'source' }, wildcard ? '' : sourceText(s))),
    h('p', { class: 'problem', id: error, role: 'alert', hidden: true }));
  const key = () => (wildcard ? s.key.replace('*', form.elements.name.value.trim().toUpperCase()) : s.key);
  const value = () => (s.type === 'boolean' ? String(control.checked) : control.value.trim());
  form.addEventListener('submit', event => {
    event.preventDefault();
    save(form, error, () => api.put(`/api/settings/${encodeURIComponent(key())}`, { value: value() }));
  });
  if (s.type === 'boolean') control.addEventListener('change', () => form.requestSubmit());
  return form;
}

/** A number as a number; anything else as typed, so that the API's answer names what is wrong with it. */
function numberOrText(text) {
  const value = text.trim();
  if (value === '') return null;
  return Number.isFinite(Number(value)) ? Number(value) : value;
}

function numberField(name, label, value, id, describedBy) {
  return h('span', { class: 'field' }, h('label', { for: `${id}-${name}` }, label),
    h('input', { id: `${id}-${name}`, name, 'data-field': name, 'data-key': `${id}-${name}`, inputmode: 'decimal', size: 7, value: value ?? '', 'aria-describedby': describedBy }));
}

function thresholdForm(t) {
  const id = idOf(`threshold-${t.alert_type}-${t.alert_class}`);
  const error = `${id}-error`;
  const form = h('form', { class: 'setting threshold', 'data-threshold': `${t.alert_type}/${t.alert_class}`, novalidate: true },
    h('p', { class: 'setting-title' }, h('strong', {}, `${t.alert_type} / ${t.alert_class}`), ` ${t.condition} · ${t.metric_key}`),
    numberField('low', 'Low', t.low, id, error), numberField('medium', 'Medium', t.medium, id, error), numberField('high', 'High', t.high, id, error),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'enabled', checked: t.enabled }), 'enabled'),
    h('button', { type: 'submit', 'data-key': `${id}-save` }, 'Save'),
    h('p', { class: 'hint' }, `channels: LOW ${t.low_notify ?? 'default'}, MEDIUM ${t.medium_notify ?? 'default'}, HIGH ${t.high_notify ?? 'default'} · from alert_thresholds`),
    h('p', { class: 'problem', id: error, role: 'alert', hidden: true }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const n = name => numberOrText(form.elements[name].value);
    save(form, error, () => api.put(`/api/thresholds/${encodeURIComponent(t.alert_type)}/${encodeURIComponent(t.alert_class)}`,
      { low: n('low'), medium: n('medium'), high: n('high'), enabled: form.elements.enabled.checked }));
  });
  return form;
}

function windowForm(window, market) {
  const stored = (market.config.windows ?? []).find(w => w.window === window);
  const id = idOf(`window-${window}`);
  const error = `${id}-error`;
  const direction = (stored?.direction ?? market.defaults.direction).toUpperCase();
  const form = h('form', { class: 'setting', 'data-window': window, novalidate: true },
    h('p', { class: 'setting-title' }, h('strong', {}, `${window} window`)),
    numberField('threshold_percent', 'Threshold %', stored?.threshold_percent ?? market.defaults.threshold_percent, id, error),
    h('span', { class: 'field' }, h('label', { for: `${id}-direction` }, 'Direction'),
      h('select', { id: `${id}-direction`, name: 'direction', 'data-field': 'direction' }, ['BOTH', 'UP', 'DOWN'].map(d => h('option', { value: d, selected: d === direction }, d)))),
    h('button', { type: 'submit', 'data-key': `${id}-save` }, 'Save'),
    h('p', { class: 'hint' }, stored ? 'from market_monitor_config' : 'from Monitors:market_monitor (default)'),
    h('p', { class: 'problem', id: error, role: 'alert', hidden: true }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    save(form, error, () => api.put(`/api/market/windows/${window}`, { threshold_percent: numberOrText(form.elements.threshold_percent.value), direction: form.elements.direction.value }));
  });
  return form;
}

function anchorForm(asset, anchor, defaults) {
  const id = idOf(`anchor-${asset}`);
  const error = `${id}-error`;
  const mode = (anchor.mode ?? '').toUpperCase();
  const form = h('form', { class: 'setting', 'data-anchor': asset, novalidate: true },
    h('p', { class: 'setting-title' }, h('strong', {}, `${asset} anchor`), anchor.disarmed ? ' · disarmed' : ' · armed'),
    numberField('price', 'Price', anchor.price, id, error),
    numberField('delta_percent', 'Delta %', anchor.delta_percent, id, error),
    h('span', { class: 'field' }, h('label', { for: `${id}-mode` }, 'Mode'),
      h('select', { id: `${id}-mode`, name: 'mode', 'data-field': 'mode' },
        h('option', { value: '', selected: mode === '' }, `default (${defaults.anchor_mode})`),
        ['LADDER', 'RESET', 'SINGLE'].map(m => h('option', { value: m, selected: m === mode }, m)))),
    h('button', { type: 'submit', 'data-key': `${id}-save` }, 'Save'),
    anchor.disarmed ? h('button', { type: 'button', onclick: () => save(form, error, () => api.post(`/api/market/anchors/${asset}/rearm`)) }, 'Re-arm') : null,
    h('p', { class: 'hint' }, `from market_monitor_config; an empty delta uses ${defaults.anchor_delta_percent} % (Monitors:market_monitor)`),
    h('p', { class: 'problem', id: error, role: 'alert', hidden: true }));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const n = name => numberOrText(form.elements[name].value);
    save(form, error, () => api.put(`/api/market/anchors/${asset}`, { price: n('price'), delta_percent: n('delta_percent'), mode: form.elements.mode.value || null }));
  });
  return form;
}
