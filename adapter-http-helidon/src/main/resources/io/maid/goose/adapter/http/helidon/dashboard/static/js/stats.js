// The figures a run page and a comparison show, read from a run record and its report.json.
import * as api from './api.js';
import { num, ms, pct, duration, time, seconds, DASH } from './format.js';

export async function loadRun(runId) {
  const record = await api.get('/history/' + encodeURIComponent(runId));
  let report = null;
  if ((record.report_files || []).includes('report.json')) {
    report = await api.get('/reports/' + encodeURIComponent(runId) + '/report.json').catch((e) => {
      if (e.status === 401) throw e;
      return null;
    });
  }
  return { record, report };
}

const P = ['min', 'mean', 'p50', 'p90', 'p95', 'p99', 'p999', 'max'];
const LABEL = { min: 'min', mean: 'mean', p50: 'p50', p90: 'p90', p95: 'p95', p99: 'p99', p999: 'p99.9', max: 'max' };

/**
 * Rows of [label, value, format, lowerIsBetter] for a run: totals, then raw and corrected latency.
 * Values are numbers (or strings for text rows) so that two runs can be compared.
 */
export function rows({ record, report }) {
  const t = record.totals || {};
  const total = report && report.stats && report.stats.total;
  const out = [
    ['Status', record.status, String],
    ['Started', record.started_at, time],
    ['Duration', seconds(record.started_at, record.ended_at), duration],
    ['Target', record.target, String],
    ['Users', record.users, num],
    ['Requests', total ? total.count : t.requests, num, false],
    ['Failures', total ? total.failures : t.failures, num, true],
    ['Error rate', total ? total.error_rate : (t.requests ? (100 * t.failures) / t.requests : null), pct, true],
    ['Throughput', total ? total.rps : t.rps, (v) => (v === null || v === undefined ? DASH : num(v, 1) + ' req/s'), false],
  ];
  const lat = total && total.latency_ms;
  const cor = total && total.corrected_latency_ms;
  for (const p of P) out.push(['Latency ' + LABEL[p], lat ? lat[p] : p === 'p99' ? t.p99_ms : p === 'p95' ? t.p95_ms : null, ms, true]);
  for (const p of P) out.push(['Corrected ' + LABEL[p], cor ? cor[p] : null, ms, true]);
  return out;
}

/** B relative to A, e.g. "+12.5 %", or a dash when it cannot be said. */
export function delta(a, b) {
  if (typeof a !== 'number' || typeof b !== 'number' || Number.isNaN(a) || Number.isNaN(b)) return DASH;
  if (a === 0) return b === 0 ? '0 %' : DASH;
  const d = (100 * (b - a)) / a;
  return (d > 0 ? '+' : '') + num(d, Math.abs(d) < 10 ? 1 : 0) + ' %';
}

export function errorsByKind(report) {
  const e = (report && report.errors) || {};
  return Object.entries(e).sort((x, y) => y[1] - x[1]);
}
