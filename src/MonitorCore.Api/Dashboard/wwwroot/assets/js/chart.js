// An asset's price over 24 h (uPlot), with its 24 h high and low and the market monitor's anchor and trigger lines.

import uPlot from '../vendor/uplot/uPlot.esm.js';
import { api } from './api.js';
import { byId, fill, h } from './dom.js';
import { ago, percent, price } from './format.js';

let plot = null;
let chosen = null;

export function initChart(onChange) {
  byId('chart-asset').addEventListener('change', event => { chosen = event.target.value; onChange(); });
  new ResizeObserver(() => plot?.setSize(size())).observe(byId('chart'));
}

function size() {
  const box = byId('chart');
  return { width: Math.max(260, box.clientWidth), height: box.clientWidth < 500 ? 220 : 300 };
}

const css = name => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

export async function refreshChart() {
  const [prices, market] = await Promise.all([api.get('/api/prices'), api.get('/api/market')]);
  const assets = prices.prices.map(p => p.asset_type);
  const select = byId('chart-asset');
  if ([...select.options].map(o => o.value).join() !== assets.join()) {
    fill(select, assets.map(a => h('option', { value: a }, a)));
  }
  if (assets.length === 0) {
    byId('chart-summary').textContent = 'No price stored yet: the first cycle stores them.';
    plot?.destroy();
    plot = null;
    return;
  }
  chosen = assets.includes(chosen) ? chosen : assets.includes('SOL') ? 'SOL' : assets[0];
  select.value = chosen;
  const history = await api.get(`/api/prices/${encodeURIComponent(chosen)}/history?hours=24&points=500`);
  const quote = prices.prices.find(p => p.asset_type === chosen);
  const anchor = market.config.anchors?.[chosen];
  const delta = anchor?.delta_percent ?? market.defaults.anchor_delta_percent;
  draw(history.points, quote, anchor?.price ? { price: anchor.price, delta, disarmed: anchor.disarmed } : null);
  byId('chart-summary').textContent = `${chosen} ${price(quote.current_price)} (${quote.source}, ${ago(quote.last_update_time)}); ` +
    `24 h range ${price(quote.low_24h)} – ${price(quote.high_24h)}` +
    (anchor?.price ? `; anchor ${price(anchor.price)} ± ${percent(delta)} (${anchor.mode ?? market.defaults.anchor_mode}${anchor.disarmed ? ', disarmed' : ''})` : '; no anchor yet') +
    `; ${history.points.length} of ${history.stored} stored points shown.`;
}

function draw(points, quote, anchor) {
  const xs = points.map(p => Date.parse(p.last_update_time) / 1000);
  const flat = v => xs.map(() => v ?? null);
  const line = (label, stroke, dash, width = 1) => ({ label, stroke, dash, width, points: { show: false } });
  const data = [xs, points.map(p => p.current_price), flat(quote.high_24h), flat(quote.low_24h)];
  const series = [{},
    { label: 'price', stroke: css('--accent'), width: 2, points: { show: points.length < 40 } },
    line('24 h high', css('--muted'), [4, 4]),
    line('24 h low', css('--muted'), [4, 4])];
  if (anchor) {
    data.push(flat(anchor.price), flat(anchor.price * (1 + anchor.delta / 100)), flat(anchor.price * (1 - anchor.delta / 100)));
    series.push(line('anchor', css('--warn'), undefined, 1.5),
      line(`anchor +${anchor.delta} %`, css('--warn'), [2, 6]),
      line(`anchor −${anchor.delta} %`, css('--warn'), [2, 6]));
  }
  const axis = { stroke: css('--muted'), grid: { stroke: css('--grid') }, ticks: { stroke: css('--grid') } };
  plot?.destroy();
  plot = new uPlot({
    ...size(),
    series,
    axes: [axis, { ...axis, size: 70, values: (_, ticks) => ticks.map(t => price(t)) }],
    scales: { x: { time: true } },
    legend: { live: false },
    cursor: { drag: { x: false, y: false } },
  }, data, byId('chart'));
}
