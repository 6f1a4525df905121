// Every call to the run service goes through here: the credential as a header, JSON both ways, and one
// rule for 401 (back to the sign-in screen with the server's reason).
import { authHeaders } from './session.js';

export const BASE = '/api/goose';

export class ApiError extends Error {
  constructor(status, body, fallback) {
    super((body && (body.message || body.error)) || fallback || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }

  get code() {
    return this.body.error || null;
  }
}

let unauthorized = () => {};

/** Called with the server's message whenever any call answers 401. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

async function readJson(res) {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function call(path, { method = 'GET', body, signal } = {}) {
  const headers = { Accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(BASE + path, {
      method, headers, signal, cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, null, 'the goose service cannot be reached (' + e.message + ')');
  }
  const data = await readJson(res);
  if (res.status === 401) {
    unauthorized(data && data.message ? data.message : 'the credential was rejected');
    throw new ApiError(401, data);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export const get = (path, opts) => call(path, opts);
export const post = (path, body, opts) => call(path, { ...opts, method: 'POST', body });
