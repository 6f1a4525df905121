// Four streaming charts on uPlot: throughput, latency percentiles (raw and corrected p99), errors by kind,
// and active users with the phases shaded. One point per Metrics envelope (one per second).
import uPlot from '/dashboard/vendor/uPlot.esm.js';
import { h } from '../dom.js';
import { duration, num } from '../format.js';

const MAX_POINTS = 7200;
const PHASE_FILL = { increase: 'rgba(56, 139, 253, 0.12)', maintain: 'rgba(46, 160, 67, 0.12)', decrease: 'rgba(210, 153, 34, 0.14)', shutdown: 'rgba(110, 119, 129, 0.14)' };
const ERROR_COLORS = ['#d1242f', '#bc4c00', '#8250df', '#bf3989', '#953800', '#6e7781', '#0550ae', '#1a7f37'];

const COUNTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000];

function axes(unit, counts) {
  return [
    { values: (u, ticks) => ticks.map((t) => duration(t)), incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200],
      stroke: '#57606a', grid: { stroke: '#eaeef2' } },
    { label: unit, stroke: '#57606a', grid: { stroke: '#eaeef2' }, size: 60, incrs: counts ? COUNTS : undefined },
  ];
}

function options(title, unit, series, width, extra = {}, counts = false) {
  return {
    title, width, height: 200,
    scales: { x: { time: false }, y: counts ? { range: (u, min, max) => [0, Math.max(1, max)] } : {} },
    axes: axes(unit, counts),
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [{ label: 'elapsed', value: (u, v) => (v === null ? '\u2014' : duration(v)) }, ...series],
    ...extra,
  };
}

const shown = (digits, unit = '') => (u, v) => (v === null || v === undefined ? '—' : num(v, digits) + unit);
const line = (label, stroke, extra = {}) => ({ label, stroke, width: 2, points: { show: false }, spanGaps: true,
  value: shown(0), ...extra });
const latency = (label, stroke, extra = {}) => line(label, stroke, { value: shown(1, ' ms'), ...extra });

export class LiveCharts {
  constructor(holder) {
    this.holder = holder;
    this.reset();
    const cell = (id, label) => h('figure', { class: 'chart', id, attrs: { 'aria-label': label } });
    this.cells = {
      rps: cell('chart-rps', 'Requests per second'),
      latency: cell('chart-latency', 'Latency percentiles'),
      errors: cell('chart-errors', 'Errors by kind'),
      users: cell('chart-users', 'Active users and phase'),
    };
    holder.append(...Object.values(this.cells));
    const w = this.width();
    this.rps = new uPlot(options('Requests per second', 'req/s', [line('req/s', '#1f6feb', { fill: 'rgba(31,111,235,0.08)', value: shown(1) })], w), this.rpsData(), this.cells.rps);
    this.latency = new uPlot(options('Latency', 'ms', [
      latency('p50', '#2da44e'), latency('p95', '#bf8700'), latency('p99', '#cf222e'),
      latency('p99 corr.', '#8250df', { dash: [6, 4] })], w), this.latencyData(), this.cells.latency);
    this.errors = new uPlot(options('Errors by kind', 'per s', [], w, {}, true), [this.x], this.cells.errors);
    this.users = new uPlot(options('Active users', 'users', [line('users', '#0969da', { fill: 'rgba(9,105,218,0.06)' })], w, {
      hooks: { drawClear: [(u) => this.shadePhases(u)] },
    }, true), this.usersData(), this.cells.users);
    this.resizer = new ResizeObserver(() => this.resize());
    this.resizer.observe(holder);
  }

  reset() {
    this.x = [];
    this.s = { rps: [], p50: [], p95: [], p99: [], p99c: [], users: [], phase: [] };
    this.kinds = new Map();
    if (this.errors) {
      while (this.errors.series.length > 1) this.errors.delSeries(1);
      this.redraw();
    }
  }

  width() {
    const w = this.holder.clientWidth;
    return Math.max(280, Math.floor((w > 900 ? (w - 16) / 2 : w) - 2));
  }

  resize() {
    const w = this.width();
    for (const c of [this.rps, this.latency, this.errors, this.users]) c.setSize({ width: w, height: 200 });
  }

  rpsData() { return [this.x, this.s.rps]; }

  latencyData() { return [this.x, this.s.p50, this.s.p95, this.s.p99, this.s.p99c]; }

  usersData() { return [this.x, this.s.users]; }

  /** Adds one Metrics envelope. */
  push(m) {
    const t = m.elapsed_seconds ?? (this.x.length ? this.x[this.x.length - 1] + 1 : 0);
    if (this.x.length && t <= this.x[this.x.length - 1]) return;
    this.x.push(t);
    this.s.rps.push(m.throughput_rps ?? null);
    this.s.p50.push(m.latency_p50_ms ?? null);
    this.s.p95.push(m.latency_p95_ms ?? null);
    this.s.p99.push(m.latency_p99_ms ?? null);
    this.s.p99c.push(m.latency_p99_corrected_ms ?? null);
    this.s.users.push(m.active_users ?? null);
    this.s.phase.push(m.phase || null);
    const errors = m.errors || {};
    for (const kind of Object.keys(errors)) {
      if (!this.kinds.has(kind)) {
        this.kinds.set(kind, new Array(this.x.length - 1).fill(0));
        this.errors.addSeries(line(kind, ERROR_COLORS[(this.kinds.size - 1) % ERROR_COLORS.length]), this.kinds.size);
      }
    }
    for (const [kind, values] of this.kinds) values.push(errors[kind] || 0);
    if (this.x.length > MAX_POINTS) {
      this.x.shift();
      for (const a of Object.values(this.s)) a.shift();
      for (const a of this.kinds.values()) a.shift();
    }
    this.redraw();
  }

  redraw() {
    this.rps.setData(this.rpsData());
    this.latency.setData(this.latencyData());
    this.errors.setData([this.x, ...this.kinds.values()]);
    this.users.setData(this.usersData());
    // without a cursor over it, a legend shows the latest second
    for (const c of [this.rps, this.latency, this.errors, this.users]) {
      if (this.x.length && !(c.cursor.left >= 0)) c.setLegend({ idx: this.x.length - 1 });
    }
    this.holder.dataset.points = String(this.x.length);
  }

  shadePhases(u) {
    const { ctx } = u;
    const { top, height } = u.bbox;
    let i = 0;
    while (i < this.x.length) {
      const phase = this.s.phase[i];
      let j = i;
      while (j + 1 < this.x.length && this.s.phase[j + 1] === phase) j += 1;
      const fill = PHASE_FILL[phase];
      if (fill) {
        const from = u.valToPos(i === 0 ? this.x[i] - 1 : this.x[i - 1], 'x', true);
        const to = u.valToPos(this.x[j], 'x', true);
        ctx.fillStyle = fill;
        ctx.fillRect(from, top, Math.max(1, to - from), height);
      }
      i = j + 1;
    }
  }

  destroy() {
    this.resizer.disconnect();
    for (const c of [this.rps, this.latency, this.errors, this.users]) c.destroy();
  }
}

/** The phase legend under the users chart: the colours used for shading. */
export function phaseLegend() {
  return h('p', { class: 'phase-legend' }, Object.keys(PHASE_FILL).map((p) => h('span', { class: 'phase-key phase-' + p }, p)));
}
