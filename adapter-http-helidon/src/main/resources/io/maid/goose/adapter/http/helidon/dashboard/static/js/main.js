// Boot and hash routing. Routes: #/signin, #/new, #/live, #/history[?page=N], #/runs/<id>, #/compare/<a>/<b>.
import * as api from './api.js';
import * as session from './session.js';
import { clear, toast } from './dom.js';
import * as signin from './views/signin.js';
import * as newrun from './views/newrun.js';
import * as live from './views/live.js';
import * as history from './views/history.js';
import * as detail from './views/detail.js';
import * as compare from './views/compare.js';

const main = document.getElementById('main');
let unmount = null;
let signInMessage = null;

const routes = [
  { re: /^#\/new$/, view: newrun, nav: 'new' },
  { re: /^#\/live$/, view: live, nav: 'live' },
  { re: /^#\/history(?:\?page=(\d+))?$/, view: history, nav: 'history', params: (m) => ({ page: Number(m[1] || 1) }) },
  { re: /^#\/runs\/([0-9a-fA-F-]{36})$/, view: detail, nav: 'history', params: (m) => ({ runId: m[1] }) },
  { re: /^#\/compare\/([0-9a-fA-F-]{36})\/([0-9a-fA-F-]{36})$/, view: compare, nav: 'history', params: (m) => ({ a: m[1], b: m[2] }) },
];

export function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

function showTopbar(on) {
  const bar = document.getElementById('topbar');
  bar.hidden = !on;
  const who = session.current();
  document.getElementById('who-subject').textContent = who ? who.subject || 'anonymous' : '';
  document.getElementById('who-scopes').textContent = who ? (who.scopes || []).join(' · ') : '';
  document.getElementById('sign-out').hidden = !!(who && who.authentication_required === false);
}

function mount(view, params, nav) {
  if (unmount) unmount();
  unmount = null;
  clear(main);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.body.dataset.view = view.name;
  unmount = view.mount(main, params, { navigate }) || null;
}

async function ensureIdentity() {
  if (session.current()) return true;
  try {
    session.setIdentity(await api.get('/whoami'));
    return true;
  } catch (e) {
    if (e.status === 401) {
      if (session.credential()) {
        session.signOut();
        signInMessage = `The stored credential was rejected (401: ${lastRejection}). Sign in again.`;
      }
    } else {
      signInMessage = 'Could not check the credential: ' + e.message;
    }
    return false;
  }
}

async function route() {
  const hash = location.hash || '#/new';
  if (hash === '#main') return; // the skip link
  if (!(await ensureIdentity())) {
    showTopbar(false);
    const message = signInMessage;
    signInMessage = null;
    mount(signin, { message, returnTo: hash.startsWith('#/signin') ? '#/new' : hash }, null);
    return;
  }
  showTopbar(true);
  if (hash.startsWith('#/signin')) return navigate('#/new');
  for (const r of routes) {
    const m = hash.match(r.re);
    if (m) return mount(r.view, r.params ? r.params(m) : {}, r.nav);
  }
  navigate('#/new');
}

// Any 401, from any call: forget the credential and go back to sign-in, saying why.
let lastRejection = 'the credential was rejected';
api.onUnauthorized((message) => {
  lastRejection = message;
  if (session.current()) {
    session.signOut();
    signInMessage = `You were signed out because the service answered 401: ${message}. Sign in again.`;
    route();
  }
});

document.getElementById('sign-out').addEventListener('click', () => {
  session.signOut();
  signInMessage = 'Signed out. The credential was removed from this tab.';
  toast('Signed out');
  if (location.hash.startsWith('#/signin')) route();
  else navigate('#/signin');
});

document.getElementById('skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', route);
route();
