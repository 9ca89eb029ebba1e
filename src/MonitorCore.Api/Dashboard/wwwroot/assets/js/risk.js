// One screen for risk: every position nearest to liquidation first, with its distance against the LOW / MEDIUM /
// HIGH lines of its LiquidationDistance threshold, heat, travel, PnL, and the price it was computed from.

import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { ago, ageSeconds, money, number, percent, price } from './format.js';

/** Cards built between two turns of the page's event loop: a thousand positions never hold the page for long. */
const chunk = 100;
let generation = 0;

export async function refreshPositions() {
  const [positions, prices, lines, settings] = await Promise.all([
    api.get('/api/positions'), api.get('/api/prices'), api.get('/api/liquidation/lines'), api.get('/api/settings/sonic_interval_seconds')]);
  const quotes = new Map(prices.prices.map(p => [p.asset_type, p]));
  const cycle = Number(settings.value ?? 60);
  const sorted = [...positions.positions].sort((a, b) => a.liquidation_distance_pct - b.liquidation_distance_pct);
  const list = byId('positions');
  const mine = ++generation;
  renderTotals(positions.totals, positions.quarantined);
  if (sorted.length === 0) {
    fill(list, h('li', { class: 'empty' }, 'No active position. Add a wallet or import positions, then the next cycle shows them here.'));
    return;
  }

  const cards = from => sorted.slice(from, from + chunk).map(p => card(p, linesOf(lines, p.asset_type), quotes.get(p.asset_type), cycle));
  if (!list.querySelector('[data-position]')) {
    // The first time: the nearest to liquidation show at once, the others follow a chunk at a time.
    fill(list, cards(0));
    for (let from = chunk; from < sorted.length; from += chunk) {
      await nextTurn();
      if (mine !== generation) return; // a newer read took over
      list.append(...cards(from));
    }
    return;
  }

  // Again: the new list is built aside, a chunk at a time (the page answers in between), and shown at once.
  const fresh = document.createDocumentFragment();
  for (let from = 0; from < sorted.length; from += chunk) {
    if (from > 0) {
      await nextTurn();
      if (mine !== generation) return;
    }
    fresh.append(...cards(from));
  }
  list.replaceChildren(fresh);
}

/** Lets the page handle what waits (an event, a click, another panel) before going on; not slowed in a hidden tab. */
const nextTurn = () => globalThis.scheduler?.yield?.() ?? new Promise(resolve => setTimeout(resolve, 0));

/** The lines liquid_monitor applies to a position of this asset, as the API says (null: it evaluates none). */
function linesOf(view, asset) {
  if (!view.enabled || !view.lines) return null;
  return view.assets[asset] ?? view.lines;
}

function zone(distance, lines) {
  if (!lines) return { state: 'off', word: 'not evaluated' };
  if (distance <= lines.high) return { state: 'error', word: 'HIGH' };
  if (distance <= lines.medium) return { state: 'warn', word: 'MEDIUM' };
  if (distance <= lines.low) return { state: 'warn', word: 'LOW' };
  return { state: 'ok', word: 'clear' };
}

function bar(distance, lines) {
  const scale = Math.max(20, (lines?.low ?? 10) * 2);
  const at = v => `${Math.min(100, Math.max(0, (v / scale) * 100))}%`;
  const z = zone(distance, lines);
  const label = `${percent(distance)} from liquidation${lines ? `; lines LOW ${percent(lines.low)}, MEDIUM ${percent(lines.medium)}, HIGH ${percent(lines.high)}` : ''}`;
  return h('div', { class: 'bar', role: 'img', 'aria-label': label, title: label },
    h('div', { class: 'fill', 'data-state': z.state, style: { width: at(distance) } }),
    lines ? ['low', 'medium', 'high'].map(level =>
      h('span', { class: `line line-${level}`, style: { left: at(lines[level]) } },
        h('span', { class: 'line-label', 'aria-hidden': 'true' }, level[0].toUpperCase()))) : null);
}

function card(p, lines, quote, cycleSeconds) {
  const z = zone(p.liquidation_distance_pct, lines);
  const stale = quote && ageSeconds(quote.last_update_time) > 2 * cycleSeconds;
  return h('li', { class: 'position', 'data-position': p.id, 'data-state': z.state },
    h('div', { class: 'position-head' },
      h('h3', {}, `${p.asset_type} ${p.position_type}`, h('span', { class: 'muted' }, ` ${number(p.leverage, 1)}× · ${p.wallet_name ?? p.source}`)),
      h('p', { class: 'distance' }, h('strong', { class: 'distance-pct' }, percent(p.liquidation_distance_pct)),
        ' from liquidation ', h('span', { class: 'badge', 'data-state': z.state }, z.word))),
    bar(p.liquidation_distance_pct, lines),
    h('dl', { class: 'facts' },
      fact('Liquidation', `${price(p.liquidation_price)} (${money(p.liquidation_distance)} away)`),
      fact('PnL', money(p.pnl_after_fees_usd, true), p.pnl_after_fees_usd < 0 ? 'error' : 'ok'),
      fact('Heat', number(p.heat_index)),
      fact('Travel', percent(p.travel_percent)),
      fact('Size / collateral', `${money(p.size)} / ${money(p.collateral)}`),
      fact('Entry', price(p.entry_price)),
      h('div', {}, h('dt', {}, 'Price'), h('dd', { class: stale ? 'stale' : null },
        price(p.current_price), quote
          ? [' · ', quote.source, ' · ', h('time', { datetime: quote.last_update_time, 'data-since': quote.last_update_time }, ago(quote.last_update_time)),
            stale ? ' (stale)' : '']
          : ' · no stored price'))));
}

function fact(term, value, state) {
  return h('div', {}, h('dt', {}, term), h('dd', { 'data-state': state }, value));
}

function renderTotals(t, quarantined) {
  fill(byId('totals'),
    h('dl', { class: 'facts totals-list' },
      fact('Positions', String(t.count)),
      fact('Value', money(t.total_value)),
      fact('PnL', money(t.total_pnl, true), t.total_pnl < 0 ? 'error' : 'ok'),
      fact('Size', money(t.total_size)),
      fact('Collateral', money(t.total_collateral)),
      fact('Avg leverage', `${number(t.average_leverage, 1)}×`),
      fact('Max heat', number(t.max_heat_index))),
    quarantined.length ? h('p', { class: 'problem' }, `${quarantined.length} stored position(s) could not be read and were quarantined: `,
      quarantined.map(q => `${q.position_id} (${q.reason})`).join('; ')) : null);
}
