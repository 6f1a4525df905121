// The operator's credential lives in this tab's sessionStorage only (never in persistent storage, never a cookie,
// never a URL): closing the tab forgets it. It travels as a header on every API call; the WebSocket,
// which cannot carry headers in a browser, is the one exception (access_token, see live/stream.js).
const KEY = 'goose.credential';
let identity = null;

export function credential() {
  return sessionStorage.getItem(KEY);
}

export function store(value) {
  sessionStorage.setItem(KEY, value);
  identity = null;
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  identity = null;
}

/** Three base64url parts, the first a JSON object: a JWT, sent as a bearer token; anything else is an API key. */
export function looksLikeJwt(token) {
  return /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);
}

export function authHeaders() {
  const c = credential();
  if (!c) return {};
  return looksLikeJwt(c) ? { Authorization: 'Bearer ' + c } : { 'x-api-key': c };
}

/** {subject, scopes, expires_at, authentication_required} from GET /whoami, once signed in. */
export function current() {
  return identity;
}

export function setIdentity(who) {
  identity = who;
}

export function hasScope(scope) {
  return !!identity && Array.isArray(identity.scopes) && identity.scopes.includes(scope);
}

export const READ = 'read:loadtests';
export const WRITE = 'write:loadtests';

/** Why an action that needs write scope is unavailable, or null when it is available. */
export function whyNoWrite(action) {
  return hasScope(WRITE) ? null : `${action} needs the ${WRITE} scope; this credential has ${(identity?.scopes || []).join(', ') || 'no scopes'}.`;
}
