// One run: its figures, report links (signed, they open in a browser), the embedded HTML report, the AI
// analysis and its state, its config, and "run again".
import * as api from '../api.js';
import * as session from '../session.js';
import * as drafts from '../drafts.js';
import { h, append, clear, badge, toast } from '../dom.js';
import { num, shortId } from '../format.js';
import * as links from '../links.js';
import { loadRun, rows, errorsByKind } from '../stats.js';
import { verdictCell } from './history.js';

export const name = 'detail';

export function mount(root, { runId }, { navigate }) {
  let stopLinks = () => {};
  let poll = null;
  let alive = true;
  const head = h('div', { class: 'view-head' }, h('h1', null, 'Run ', h('span', { class: 'mono', title: runId }, shortId(runId))));
  const body = h('div', { class: 'detail', id: 'run-detail' }, h('p', { class: 'muted' }, 'Loading\u2026'));
  root.append(h('section', { class: 'view view-detail' }, head, body));

  loadRun(runId).then((run) => { if (alive) render(run); })
    .catch((e) => {
      if (e.status === 401) return;
      clear(body).append(h('p', { class: 'alert alert-error' }, e.status === 404 ? 'No run with this id in history.' : 'Could not load the run: ' + e.message));
    });

  function render(run) {
    const { record, report } = run;
    const actions = h('div', { class: 'actions' });
    if (record.config) {
      actions.append(h('button', { type: 'button', class: 'btn', id: 'run-again', on: { click: () => { drafts.hand(record.config); navigate('#/new'); } } }, 'Run again\u2026'));
    }
    head.append(actions);

    const reportLinks = h('p', { class: 'report-links', id: 'report-links' }, (record.report_files || []).length ? 'Preparing links\u2026' : 'No report files (yet).');
    const frame = h('iframe', { id: 'report-frame', class: 'report-frame', title: 'HTML report of run ' + record.run_id,
      attrs: { sandbox: 'allow-scripts', referrerpolicy: 'no-referrer' } });
    const hasHtml = (record.report_files || []).includes('report.html');
    stopLinks = links.keepFresh(record.run_id, (byFile) => {
      clear(reportLinks);
      for (const f of links.ordered(record.report_files || [])) {
        if (byFile[f]) reportLinks.append(h('a', { href: byFile[f], target: '_blank', rel: 'noopener noreferrer', class: 'btn report-link' }, f), ' ');
      }
      reportLinks.append(h('span', { class: 'muted' }, 'Links work without signing in for a few minutes.'));
      if (hasHtml && !frame.getAttribute('src')) frame.setAttribute('src', byFile['report.html']);
    });

    const figures = h('table', { class: 'table kv', id: 'run-figures' }, h('tbody', null,
      [['Verdict', verdictCell(record.verdict)], ...rows(run).map(([label, v, fmt]) => [label, label === 'Status' ? badge(v) : fmt(v)])]
        .map(([k, v]) => h('tr', null, h('th', { scope: 'row' }, k), h('td', null, v)))));
    const errs = errorsByKind(report);
    const errors = h('table', { class: 'table', id: 'run-errors' },
      h('thead', null, h('tr', null, h('th', null, 'Error kind'), h('th', { class: 'num' }, 'Count'))),
      h('tbody', null, errs.length ? errs.map(([k, n]) => h('tr', null, h('td', null, k), h('td', { class: 'num' }, num(n))))
        : h('tr', null, h('td', { colSpan: 2, class: 'muted' }, 'No errors.'))));

    append(clear(body), [
      record.error ? h('p', { class: 'alert alert-error' }, record.error) : null,
      h('div', { class: 'grid-2' },
        h('div', { class: 'panel' }, h('h2', null, 'Figures'), figures),
        h('div', null,
          h('div', { class: 'panel' }, h('h2', null, 'Reports'), reportLinks),
          analysisPanel(record),
          h('div', { class: 'panel' }, h('h2', null, 'Errors by kind'), errors))),
      hasHtml ? h('div', { class: 'panel' }, h('h2', null, 'HTML report'), frame) : null,
      record.config ? h('details', { class: 'panel' }, h('summary', null, 'Config'),
        h('pre', { class: 'config-json', id: 'run-config' }, JSON.stringify(record.config, null, 2))) : null]);
  }

  function analysisPanel(record) {
    const a = record.analysis || { state: 'none' };
    const panel = h('div', { class: 'panel', id: 'analysis' }, h('h2', null, 'Analysis ', badge(a.state)));
    if (a.state === 'done' && a.result) {
      panel.append(h('p', null, a.result.summary || ''));
      if ((a.result.bottlenecks || []).length) {
        panel.append(h('h3', null, 'Bottlenecks'), h('ul', null, a.result.bottlenecks.map((b) =>
          h('li', null, badge(b.severity), ' ', h('strong', null, b.title || ''), b.evidence ? h('div', { class: 'muted' }, b.evidence) : null))));
      }
      if ((a.result.recommendations || []).length) {
        panel.append(h('h3', null, 'Recommendations'), h('ul', null, a.result.recommendations.map((r) => h('li', null, r))));
      }
    } else if (a.state === 'failed') {
      panel.append(h('p', { class: 'alert alert-error' }, 'The analysis failed: ' + (a.error || 'no reason given')));
    } else if (a.state === 'pending') {
      panel.append(h('p', { class: 'muted' }, 'mistral.rs is analysing this run\u2026'));
      clearTimeout(poll);
      poll = setTimeout(refreshAnalysis, 3000);
    } else {
      panel.append(h('p', { class: 'muted' }, 'No AI analysis for this run.'));
    }
    if (a.state !== 'pending' && ['completed', 'cancelled', 'failed'].includes(record.status)) {
      const why = session.whyNoWrite('Requesting an analysis');
      const btn = h('button', { type: 'button', class: 'btn', id: 'request-analysis', disabled: !!why, title: why || null },
        a.state === 'none' ? 'Request analysis' : 'Analyse again');
      btn.addEventListener('click', async () => {
        btn.disabled = true;
        try {
          await api.post('/history/' + encodeURIComponent(record.run_id) + '/analysis');
          toast('Analysis requested.');
          refreshAnalysis();
        } catch (e) {
          if (e.status !== 401) toast('No analysis: ' + e.message, 'error');
          btn.disabled = false;
        }
      });
      append(panel, [h('div', { class: 'actions' }, btn), why ? h('p', { class: 'why' }, why) : null]);
    }
    return panel;
  }

  function refreshAnalysis() {
    api.get('/history/' + encodeURIComponent(runId)).then((record) => {
      const old = document.getElementById('analysis');
      if (alive && old) old.replaceWith(analysisPanel(record));
    }).catch(() => {});
  }

  return () => {
    alive = false;
    stopLinks();
    clearTimeout(poll);
  };
}
