// Live run: status, elapsed time, Stop (write scope), and the charts, fed by the WebSocket.
import * as api from '../api.js';
import * as session from '../session.js';
import { h, clear, badge, toast } from '../dom.js';
import { num, pct, duration, shortId } from '../format.js';
import { LiveCharts, phaseLegend } from '../live/charts.js';
import { openStream } from '../live/stream.js';

export const name = 'live';
const FINAL_PHASES = ['completed', 'idle'];

export function mount(root) {
  const state = { runId: null, phase: null, active: false, startedAt: null, elapsed: null, planned: null,
    users: null, requests: 0, failures: 0, rps: null };
  const noWrite = session.whyNoWrite('Stopping a run');
  const stop = h('button', { type: 'button', class: 'btn btn-danger', id: 'stop-run', disabled: true,
    attrs: { 'aria-describedby': 'stop-why' } }, 'Stop');
  const stopWhy = h('span', { class: 'why', id: 'stop-why' }, noWrite || '');
  const conn = h('span', { id: 'stream-state' }, badge('connecting'));
  const fields = {
    run: h('dd', { id: 'live-run' }, '\u2014'),
    phase: h('dd', { id: 'live-phase' }, badge(null)),
    elapsed: h('dd', { id: 'live-elapsed' }, '\u2014'),
    users: h('dd', { id: 'live-users' }, '\u2014'),
    requests: h('dd', { id: 'live-requests' }, '\u2014'),
    errors: h('dd', { id: 'live-errors' }, '\u2014'),
    rps: h('dd', { id: 'live-rps' }, '\u2014'),
  };
  const stat = (label, dd) => h('div', { class: 'stat' }, h('dt', null, label), dd);
  const notice = h('div', { class: 'notice', id: 'live-notice', attrs: { role: 'status' } });
  const chartsHolder = h('div', { class: 'charts', id: 'live-charts', dataset: { points: '0' } });
  const log = h('ol', { class: 'log', id: 'live-log', attrs: { 'aria-label': 'Run log' } });

  root.append(h('section', { class: 'view view-live' },
    h('div', { class: 'view-head' },
      h('h1', null, 'Live run'),
      h('div', { class: 'actions' }, conn, stopWhy, stop)),
    notice,
    h('dl', { class: 'stats panel' }, stat('Run', fields.run), stat('Phase', fields.phase), stat('Elapsed', fields.elapsed),
      stat('Active users', fields.users), stat('Requests', fields.requests), stat('Errors', fields.errors), stat('Now', fields.rps)),
    chartsHolder,
    phaseLegend(),
    h('h2', null, 'Log'),
    log));

  const charts = new LiveCharts(chartsHolder);

  function render() {
    clear(fields.run);
    if (state.runId) fields.run.append(h('a', { href: '#/runs/' + state.runId, title: state.runId }, shortId(state.runId)));
    else fields.run.append('\u2014');
    clear(fields.phase).append(badge(state.phase || (state.active ? 'running' : 'idle')));
    fields.elapsed.textContent = state.elapsed === null ? '\u2014'
      : duration(state.elapsed) + (state.planned ? ' / ' + duration(state.planned) : '');
    fields.users.textContent = num(state.users);
    fields.requests.textContent = num(state.requests);
    fields.errors.textContent = state.requests ? num(state.failures) + ' (' + pct((100 * state.failures) / state.requests) + ')' : num(state.failures);
    fields.rps.textContent = state.rps === null ? '\u2014' : num(state.rps, 1) + ' req/s';
    stop.disabled = !state.active || !!noWrite;
    clear(notice);
    if (!state.active && state.runId) {
      notice.append('Run ', h('a', { href: '#/runs/' + state.runId }, shortId(state.runId)), ' has ended. ',
        h('a', { href: '#/runs/' + state.runId }, 'See its results'), ' or ', h('a', { href: '#/new' }, 'start another run'), '.');
    } else if (!state.active) {
      notice.append('No run is active. ', h('a', { href: '#/new' }, 'Start a run'), ' and it appears here.');
    }
  }

  function newRun(runId) {
    if (state.runId === runId) return;
    state.runId = runId;
    state.requests = 0;
    state.failures = 0;
    charts.reset();
    clear(log);
  }

  function onMessage(msg) {
    if (msg.Metrics) {
      const m = msg.Metrics;
      if (m.run_id) newRun(m.run_id);
      state.active = true;
      state.phase = m.phase;
      state.elapsed = m.elapsed_seconds ?? state.elapsed;
      state.users = m.active_users;
      state.requests += m.requests || 0;
      state.failures += m.failures || 0;
      state.rps = m.throughput_rps ?? null;
      charts.push(m);
    } else if (msg.Status) {
      const s = msg.Status;
      if (s.run_id) newRun(s.run_id);
      state.phase = s.phase;
      state.users = s.active_users;
      if (s.planned_seconds !== undefined) state.planned = s.planned_seconds;
      state.active = !!s.run_id && !FINAL_PHASES.includes(s.phase) && s.state !== 'completed' && s.state !== 'cancelled' && s.state !== 'failed';
    } else if (msg.Log) {
      const l = msg.Log;
      log.prepend(h('li', { class: 'log-' + (l.level === 'error' || l.level === 'warn' ? l.level : 'info') },
        h('time', null, l.timestamp ? new Date(l.timestamp).toLocaleTimeString() : ''), ' ', l.message || ''));
      while (log.children.length > 100) log.lastChild.remove();
    }
    render();
  }

  api.get('/status').then((res) => {
    const s = res.status || res;
    if (s.active) {
      newRun(s.run_id);
      state.active = true;
      state.phase = s.phase;
      state.startedAt = s.started_at;
      if (s.elapsed_seconds !== undefined) state.elapsed = s.elapsed_seconds;
      if (s.planned_seconds !== undefined) state.planned = s.planned_seconds;
      if (s.active_users !== undefined) state.users = s.active_users;
    }
    render();
  }).catch(() => {});

  const stream = openStream({
    onMessage,
    onState: (s, connects) => {
      clear(conn).append(badge(s === 'connected' ? 'connected' : s === 'reconnecting' ? 'reconnecting' : 'connecting'));
      conn.dataset.connects = String(connects);
      conn.dataset.state = s;
    },
  });

  stop.addEventListener('click', async () => {
    stop.disabled = true;
    try {
      await api.post('/stop');
      toast('Stopping: in-flight requests finish, then the reports are written.');
    } catch (e) {
      if (e.status === 401) return;
      toast(e.code === 'no_active_run' ? 'No run is active.' : 'Could not stop: ' + e.message, 'error');
      render();
    }
  });

  render();
  return () => {
    stream.close();
    charts.destroy();
  };
}
