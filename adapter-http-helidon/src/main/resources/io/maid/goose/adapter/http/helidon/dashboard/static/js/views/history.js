// History: a paged table of past runs, newest first, with report links and a two-run comparison.
import * as api from '../api.js';
import { h, clear, badge } from '../dom.js';
import { num, ms, errorRate, time, DASH } from '../format.js';
import * as links from '../links.js';

export const name = 'history';
const PAGE = 20;

/** A verdict, when the record has one (a string, or an object with a status); a dash otherwise. */
export function verdictCell(v) {
  if (v === null || v === undefined) return DASH;
  const text = typeof v === 'string' ? v : v.status || v.result || v.outcome || v.verdict;
  return text ? badge(String(text)) : DASH;
}

export function mount(root, { page }, { navigate }) {
  const selected = new Set();
  const stops = [];
  const compareBtn = h('button', { type: 'button', class: 'btn', id: 'compare', disabled: true }, 'Compare selected');
  const body = h('tbody', { id: 'history-rows' });
  const pager = h('nav', { class: 'pager', attrs: { 'aria-label': 'History pages' } });
  const message = h('p', { class: 'muted', id: 'history-message' });
  root.append(h('section', { class: 'view view-history' },
    h('div', { class: 'view-head' }, h('h1', null, 'History'), h('div', { class: 'actions' }, compareBtn)),
    h('div', { class: 'panel table-wrap' },
      h('table', { class: 'table', id: 'history-table' },
        h('caption', { class: 'visually-hidden' }, 'Past runs, newest first. Select two to compare.'),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Select')),
          ['Started', 'Status', 'Verdict', 'Target', 'Users', 'Requests', 'Error rate', 'p95', 'Reports']
            .map((c) => h('th', { scope: 'col', class: ['Users', 'Requests', 'Error rate', 'p95'].includes(c) ? 'num' : null }, c)))),
        body),
      message),
    pager));

  compareBtn.addEventListener('click', () => {
    const [a, b] = [...selected];
    navigate('#/compare/' + a + '/' + b);
  });

  const offset = (Math.max(1, page) - 1) * PAGE;
  let refresh = null;
  let alive = true;
  load();

  // A run that is still going, or whose reports are still being written, is looked at again shortly.
  function load() {
    api.get(`/history?limit=${PAGE}&offset=${offset}`).then((res) => {
      if (!alive) return;
      const runs = res.runs || [];
      stops.splice(0).forEach((s) => s());
      clear(body);
      clear(pager);
      message.textContent = runs.length ? '' : offset === 0 ? 'No runs yet. Start one from New run.' : 'No runs on this page.';
      for (const r of runs) body.append(row(r));
      renderPager(res.total || 0);
      const settling = runs.some((r) => r.status === 'running' || r.status === 'pending'
        || ((r.report_files || []).length === 0 && r.ended_at && Date.now() - new Date(r.ended_at).getTime() < 60000));
      if (settling) refresh = setTimeout(load, 2000);
    }).catch((e) => { if (e.status !== 401) message.textContent = 'Could not load history: ' + e.message; });
  }

  function row(r) {
    const t = r.totals || {};
    const box = h('input', { type: 'checkbox', checked: selected.has(r.run_id), attrs: { 'aria-label': 'Select run ' + r.run_id + ' to compare' } });
    box.addEventListener('change', () => {
      if (box.checked) selected.add(r.run_id);
      else selected.delete(r.run_id);
      compareBtn.disabled = selected.size !== 2;
      compareBtn.textContent = selected.size === 2 ? 'Compare the 2 selected' : 'Compare selected';
    });
    const reports = h('td', { class: 'reports' });
    const files = links.ordered(r.report_files || []);
    if (files.length === 0) reports.append(DASH);
    else stops.push(links.keepFresh(r.run_id, (byFile) => {
      clear(reports);
      for (const f of files) {
        if (byFile[f]) reports.append(h('a', { href: byFile[f], target: '_blank', rel: 'noopener noreferrer', class: 'report-link' }, f), ' ');
      }
    }));
    return h('tr', { dataset: { runId: r.run_id } },
      h('td', null, box),
      h('td', { class: 'nowrap' }, h('a', { href: '#/runs/' + r.run_id, title: r.run_id }, time(r.started_at))),
      h('td', null, badge(r.status), r.config_outdated ? h('span', { class: 'muted', title: 'the stored config is from an older format' }, ' (old config)') : null),
      h('td', null, verdictCell(r.verdict)),
      h('td', { class: 'target' }, r.target || DASH),
      h('td', { class: 'num' }, num(r.users)),
      h('td', { class: 'num' }, num(t.requests)),
      h('td', { class: 'num' }, errorRate(t.requests, t.failures)),
      h('td', { class: 'num' }, ms(t.p95_ms)),
      reports);
  }

  function renderPager(total) {
    const pages = Math.max(1, Math.ceil(total / PAGE));
    const from = total === 0 ? 0 : offset + 1;
    const to = Math.min(total, offset + PAGE);
    const link = (label, p, disabled) => disabled
      ? h('span', { class: 'btn', attrs: { 'aria-disabled': 'true' } }, label)
      : h('a', { class: 'btn', href: '#/history?page=' + p }, label);
    pager.append(link('\u2190 Newer', page - 1, page <= 1),
      h('span', { class: 'muted' }, ` ${from}\u2013${to} of ${total} (page ${page} of ${pages}) `),
      link('Older \u2192', page + 1, page >= pages));
  }

  return () => {
    alive = false;
    clearTimeout(refresh);
    stops.forEach((s) => s());
  };
}
