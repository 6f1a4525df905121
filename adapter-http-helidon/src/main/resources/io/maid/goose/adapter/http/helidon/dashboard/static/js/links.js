// Signed report links: minted with the credential (POST /history/{id}/report-links), they open in a
// browser without it, for a few minutes. Re-minted before they expire while a screen shows them.
import * as api from './api.js';

const REFRESH_MS = 4 * 60 * 1000;

export async function mint(runId) {
  const res = await api.post('/history/' + encodeURIComponent(runId) + '/report-links');
  const byFile = {};
  for (const l of res.links || []) byFile[l.file] = l.url;
  return byFile;
}

/** Calls apply(byFile) now and again before the links expire; returns a function that stops it. */
export function keepFresh(runId, apply) {
  let stopped = false;
  const run = () => mint(runId).then((byFile) => { if (!stopped) apply(byFile); }).catch(() => {});
  run();
  const timer = setInterval(run, REFRESH_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** Human order of report files: the HTML report first. */
export function ordered(files) {
  const rank = (f) => ['report.html', 'report.json', 'report.csv', 'timeline.csv', 'analysis.json'].indexOf(f);
  return [...files].sort((a, b) => ((rank(a) + 100) % 100) - ((rank(b) + 100) % 100) || a.localeCompare(b));
}
