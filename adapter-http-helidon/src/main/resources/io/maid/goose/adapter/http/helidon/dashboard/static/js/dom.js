// DOM building without HTML strings: every text from a config or a response goes in as a text node, so
// nothing it contains can become markup. innerHTML is never used in the dashboard.

/**
 * h('div', {class: 'x', on: {click: fn}, attrs: {role: 'alert'}, dataset: {id: '1'}}, 'text', child, [more])
 * Strings and numbers become text nodes; null, undefined and false are skipped; arrays are flattened.
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  const p = props || {};
  for (const [k, v] of Object.entries(p)) {
    if (v === undefined || v === null || v === false) continue;
    if (/^(innerHTML|outerHTML|srcdoc|on[a-z]+)$/.test(k)) throw new Error('h(): refusing to set ' + k);
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'attrs') for (const [a, av] of Object.entries(v)) { if (av !== undefined && av !== null && av !== false) el.setAttribute(a, av === true ? '' : String(av)); }
    else if (k === 'href') el.setAttribute('href', safeHref(v));
    else if (k in el) el[k] = v;
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Only links inside the dashboard or the API; anything else (javascript:, data:, other hosts) becomes '#'. */
export function safeHref(url) {
  const s = String(url);
  return s.startsWith('#/') || s.startsWith('/api/goose/') || s.startsWith('/dashboard/') ? s : '#';
}

let toastTimer = null;
/** A short message in the live region at the bottom of the screen. */
export function toast(message, kind = 'info') {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.className = 'toast toast-' + kind + ' toast-on';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.className = 'toast'; }, 4000);
}

/** A status badge: the class comes from a fixed list, the text from the value. */
export function badge(value) {
  const known = ['running', 'completed', 'cancelled', 'failed', 'increase', 'maintain', 'decrease', 'idle',
    'pending', 'done', 'none', 'shutdown', 'pass', 'fail', 'warn', 'connected', 'reconnecting', 'offline'];
  const v = value === null || value === undefined ? '—' : String(value);
  return h('span', { class: 'badge' + (known.includes(v) ? ' badge-' + v : '') }, v);
}
