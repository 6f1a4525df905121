// Two runs side by side: totals and percentiles, raw and corrected, with B relative to A.
import { h, clear, badge } from '../dom.js';
import { shortId } from '../format.js';
import { loadRun, rows, delta } from '../stats.js';

export const name = 'compare';

export function mount(root, { a, b }) {
  const body = h('div', { id: 'compare-body' }, h('p', { class: 'muted' }, 'Loading\u2026'));
  root.append(h('section', { class: 'view view-compare' },
    h('div', { class: 'view-head' }, h('h1', null, 'Compare runs'),
      h('div', { class: 'actions' }, h('a', { class: 'btn', href: '#/history' }, 'Back to history'))),
    body));
  let alive = true;
  Promise.all([loadRun(a), loadRun(b)]).then(([ra, rb]) => {
    if (!alive) return;
    const left = rows(ra);
    const right = rows(rb);
    const table = h('table', { class: 'table compare', id: 'compare-table' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Metric'),
        h('th', { scope: 'col' }, 'A ', h('a', { href: '#/runs/' + a, class: 'mono' }, shortId(a))),
        h('th', { scope: 'col' }, 'B ', h('a', { href: '#/runs/' + b, class: 'mono' }, shortId(b))),
        h('th', { scope: 'col', class: 'num' }, 'B vs A'))),
      h('tbody', null, left.map(([label, va, fmt, lowerIsBetter], i) => {
        const vb = right[i][1];
        const d = typeof va === 'number' && typeof vb === 'number' && lowerIsBetter !== undefined ? delta(va, vb) : '';
        const worse = d && d !== '\u2014' && vb !== va && (lowerIsBetter ? vb > va : vb < va);
        return h('tr', null, h('th', { scope: 'row' }, label),
          h('td', null, label === 'Status' ? badge(va) : fmt(va)),
          h('td', null, label === 'Status' ? badge(vb) : fmt(vb)),
          h('td', { class: 'num' + (d && d !== '\u2014' && vb !== va ? (worse ? ' worse' : ' better') : '') }, d));
      })));
    clear(body).append(h('div', { class: 'panel' }, table),
      h('p', { class: 'muted' }, 'Percentiles come from each run\u2019s report.json; corrected values include the requests a stalled user would have sent (coordinated omission).'));
  }).catch((e) => {
    if (e.status !== 401) clear(body).append(h('p', { class: 'alert alert-error' }, 'Could not load both runs: ' + e.message));
  });
  return () => { alive = false; };
}
