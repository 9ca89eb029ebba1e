// How numbers, times and states read on the page.

let skewMs = 0;

/** The server's clock as last seen (status generated_at): ages are measured on it, not on the browser's. */
export function syncClock(serverIso) {
  const server = Date.parse(serverIso);
  if (!Number.isNaN(server)) skewMs = server - Date.now();
}

export const serverNow = () => Date.now() + skewMs;

/** Seconds since an ISO time, on the server's clock (0 for a time in the future). */
export const ageSeconds = iso => Math.max(0, (serverNow() - Date.parse(iso)) / 1000);

export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return '–';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ''}`.trim();
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
}

export const ago = iso => (iso ? `${duration(ageSeconds(iso))} ago` : 'never');

// One formatter per precision, made once: making one costs far more than formatting with it (a thousand
// positions asked for five thousand).
const formatters = new Map();
function nf(min, max) {
  const key = `${min}:${max}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, formatter = new Intl.NumberFormat('en-US', { minimumFractionDigits: min, maximumFractionDigits: max }));
  return formatter;
}
const two = nf(2, 2);

export const number = (v, digits = 2) => (v === null || v === undefined ? '–' : nf(0, digits).format(v));
export const percent = v => (v === null || v === undefined ? '–' : `${two.format(v)} %`);

export function money(v, signed = false) {
  if (v === null || v === undefined) return '–';
  const text = `$${two.format(Math.abs(v))}`;
  if (v < 0) return `−${text}`;
  return signed && v > 0 ? `+${text}` : text;
}

export function price(v) {
  if (v === null || v === undefined) return '–';
  return `$${nf(2, Math.abs(v) < 10 ? 4 : 2).format(v)}`;
}

export function millis(ms) {
  if (ms === null || ms === undefined) return '–';
  return ms < 1000 ? `${number(ms, 1)} ms` : `${number(ms / 1000, 2)} s`;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'medium' });
export const time = iso => (iso ? dateTime.format(new Date(iso)) : '–');

/** Health and run statuses to the page's four states. */
export function stateOf(word) {
  switch (word) {
    case 'Healthy': case 'Success': case 'SENT': return 'ok';
    case 'Warning': case 'PENDING': case 'FAILED': case 'MEDIUM': case 'LOW': return 'warn';
    case 'Error': case 'DEAD': case 'HIGH': return 'error';
    default: return 'off';
  }
}
