// The run-event WebSocket, reconnecting with backoff after a drop. Browsers cannot put headers on a
// WebSocket, so this is the one place the credential goes into a URL (access_token), and only this one.
import * as api from '../api.js';
import { credential } from '../session.js';

export function openStream({ onMessage, onState }) {
  let ws = null;
  let closed = false;
  let attempt = 0;
  let timer = null;
  let connects = 0;

  function url() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const c = credential();
    return `${proto}//${location.host}${api.BASE}/stream` + (c ? '?access_token=' + encodeURIComponent(c) : '');
  }

  function open() {
    if (closed) return;
    onState('connecting', connects);
    ws = new WebSocket(url());
    ws.addEventListener('open', () => {
      attempt = 0;
      connects += 1;
      onState('connected', connects);
    });
    ws.addEventListener('message', (ev) => {
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      onMessage(msg);
    });
    ws.addEventListener('close', () => {
      ws = null;
      if (closed) return;
      onState('reconnecting', connects);
      const delay = Math.min(10000, 500 * 2 ** attempt);
      attempt += 1;
      timer = setTimeout(retry, delay);
    });
  }

  // A refused handshake looks like any drop to a browser; ask the API whether the credential still works,
  // so a revoked one goes back to sign-in (api.js) instead of retrying for ever.
  async function retry() {
    try {
      await api.get('/whoami');
    } catch (e) {
      if (e.status === 401) return;
    }
    open();
  }

  open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      if (ws) ws.close(1000, 'view closed');
    },
  };
}
