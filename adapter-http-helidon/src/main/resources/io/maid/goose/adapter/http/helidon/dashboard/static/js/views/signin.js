// Sign-in: an API key or a JWT, checked with GET /whoami before anything else is shown.
import * as api from '../api.js';
import * as session from '../session.js';
import { h } from '../dom.js';

export const name = 'signin';

export function mount(root, { message, returnTo }, { navigate }) {
  const input = h('input', {
    id: 'credential', type: 'password', autocomplete: 'off', spellcheck: false, required: true,
    attrs: { 'aria-describedby': 'credential-help' },
  });
  const alert = h('p', { class: 'alert alert-error', id: 'signin-message', attrs: { role: 'alert' }, hidden: !message }, message || '');
  const button = h('button', { type: 'submit', class: 'btn btn-primary', id: 'sign-in' }, 'Sign in');
  const form = h('form', { class: 'signin-form', attrs: { 'aria-labelledby': 'signin-title', novalidate: true } },
    h('label', { htmlFor: 'credential' }, 'API key or JWT'),
    input,
    h('p', { class: 'help', id: 'credential-help' },
      'Sent as the x-api-key header (or Authorization: Bearer for a JWT). It is kept in this tab\u2019s session storage only: closing the tab or signing out forgets it.'),
    alert,
    button);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!value) {
      show('Paste an API key or a JWT.');
      return;
    }
    button.disabled = true;
    session.store(value);
    try {
      session.setIdentity(await api.get('/whoami'));
      navigate(returnTo && returnTo !== '#/signin' ? returnTo : '#/new');
    } catch (err) {
      session.signOut();
      if (err.status === 401) show('That credential was rejected: ' + err.message + '.');
      else if (err.status === 403) show('That credential may not read load tests (it lacks read:loadtests).');
      else show('Could not sign in: ' + err.message);
    } finally {
      button.disabled = false;
    }
  });

  function show(text) {
    alert.textContent = text;
    alert.hidden = false;
    input.focus();
  }

  root.append(h('section', { class: 'signin' },
    h('div', { class: 'signin-card panel' },
      h('h1', { id: 'signin-title' }, h('span', { class: 'brand' }, 'goose'), ' dashboard'),
      h('p', { class: 'muted' }, 'Sign in with a credential of this run service.'),
      form)));
  input.focus();
}
