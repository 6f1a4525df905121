// Number and time formatting for tables and headers. Missing values show as an em dash.
const DASH = '\u2014';

export function num(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH;
  return Number(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function ms(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH;
  return (v >= 100 ? num(v, 0) : v >= 10 ? num(v, 1) : num(v, 2)) + ' ms';
}

export function pct(v) {
  if (v === null || v === undefined || Number.isNaN(v)) return DASH;
  return num(v, v < 10 ? 2 : 1) + ' %';
}

/** failures / requests as a percentage, or a dash when there were no requests. */
export function errorRate(requests, failures) {
  return requests > 0 ? pct((100 * failures) / requests) : DASH;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) return DASH;
  const s = Math.max(0, Math.round(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (n) => String(n).padStart(2, '0');
  return hh > 0 ? `${hh}:${two(mm)}:${two(ss)}` : `${mm}:${two(ss)}`;
}

export function time(iso) {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return DASH;
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function seconds(fromIso, toIso) {
  if (!fromIso || !toIso) return null;
  return (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000;
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : DASH;
}

export { DASH };
