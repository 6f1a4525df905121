// New run: the schema-generated form (or raw JSON), examples, client-side validation, server violations on
// their fields, and, with mistral.rs configured, a "describe your test" box that fills the form for review.
import * as api from '../api.js';
import * as session from '../session.js';
import * as drafts from '../drafts.js';
import { h, clear, toast } from '../dom.js';
import { ConfigForm, configPointer } from '../form.js';
import { mountRecipeBox } from './recipe.js';

export const name = 'new';

export function mount(root, _params, { navigate }) {
  let form = null;
  let raw = false;
  let alive = true;

  const noWrite = session.whyNoWrite('Starting a run');
  const start = h('button', { type: 'button', class: 'btn btn-primary', id: 'start-run', disabled: !!noWrite,
    attrs: { 'aria-describedby': noWrite ? 'start-why' : null } }, 'Start run');
  const why = h('span', { class: 'why', id: 'start-why', hidden: !noWrite }, noWrite || '');
  const validateBtn = h('button', { type: 'button', class: 'btn', id: 'validate' }, 'Validate');
  const exampleSelect = h('select', { id: 'example', attrs: { 'aria-label': 'Example config' } },
    h('option', { value: '' }, 'Start from an example\u2026'));
  const toggle = h('button', { type: 'button', class: 'btn', id: 'raw-toggle', attrs: { 'aria-pressed': 'false' } }, 'Raw JSON');
  const errors = h('div', { class: 'alert alert-error', id: 'violations', attrs: { role: 'alert' }, hidden: true });
  const formHolder = h('div', { class: 'config-form', id: 'config-form' });
  const rawArea = h('textarea', { id: 'raw-json', class: 'raw-json', spellcheck: false, hidden: true,
    attrs: { 'aria-label': 'Run config as JSON', rows: 28 } });
  const recipeSlot = h('div', { id: 'recipe-slot' });

  root.append(h('section', { class: 'view view-new' },
    h('div', { class: 'view-head' },
      h('h1', null, 'New run'),
      h('div', { class: 'actions' }, exampleSelect, toggle, validateBtn, start)),
    why,
    recipeSlot,
    errors,
    h('div', { class: 'panel' }, formHolder, rawArea)));

  const examples = [];
  Promise.all([api.get('/schema'), api.get('/examples').catch(() => ({ examples: [] }))]).then(([schema, ex]) => {
    if (!alive) return;
    for (const e of ex.examples || []) {
      examples.push(e);
      exampleSelect.append(h('option', { value: e.name }, e.name));
    }
    const handed = drafts.take();
    const initial = handed || (examples.find((e) => e.name === 'demo') || examples[0] || {}).config
      || (schema.examples && schema.examples[0]);
    form = new ConfigForm(formHolder, schema, initial);
    form.ready.then(() => { root.querySelector('.view-new').dataset.ready = 'true'; });
  }).catch((e) => { if (e.status !== 401) showMessage('Could not load the run-config schema: ' + e.message); });

  mountRecipeBox(recipeSlot, (config) => {
    setConfig(config);
    toast('The generated config is in the form. Review it, then press Start run.');
  });

  exampleSelect.addEventListener('change', () => {
    const e = examples.find((x) => x.name === exampleSelect.value);
    if (e) setConfig(e.config);
    exampleSelect.value = '';
  });

  toggle.addEventListener('click', () => {
    if (!form) return;
    if (!raw) {
      rawArea.value = JSON.stringify(form.value(), null, 2);
    } else {
      const parsed = parseRaw();
      if (!parsed) return;
      form.setValue(parsed);
    }
    raw = !raw;
    toggle.setAttribute('aria-pressed', String(raw));
    toggle.textContent = raw ? 'Form' : 'Raw JSON';
    rawArea.hidden = !raw;
    formHolder.hidden = raw;
    hideErrors();
  });

  validateBtn.addEventListener('click', () => {
    const value = currentValue();
    if (value && check(value)) toast('The config is valid.');
  });

  start.addEventListener('click', async () => {
    const value = currentValue();
    if (!value || !check(value)) return;
    start.disabled = true;
    try {
      const res = await api.post('/run', { config: value });
      toast('Run ' + res.run_id + ' started');
      navigate('#/live');
    } catch (e) {
      if (e.status === 401) return;
      if (e.code === 'invalid_config' && Array.isArray(e.body.violations)) {
        showViolations(e.body.violations.map((v) => ({ pointer: configPointer(v.pointer), message: v.message })),
          'The service refused this config:');
      } else if (e.code === 'run_active') {
        showMessage('A run is already active (' + (e.body.run_id || '') + '). Watch it on the Live screen or stop it first.');
      } else {
        showMessage('Could not start the run: ' + e.message);
      }
    } finally {
      start.disabled = !!session.whyNoWrite('Starting a run');
    }
  });

  function setConfig(config) {
    if (!form) return;
    form.setValue(config);
    if (raw) rawArea.value = JSON.stringify(config, null, 2);
    hideErrors();
  }

  function parseRaw() {
    try {
      return JSON.parse(rawArea.value);
    } catch (e) {
      showMessage('The raw JSON does not parse: ' + e.message);
      rawArea.focus();
      return null;
    }
  }

  function currentValue() {
    if (!form) return null;
    return raw ? parseRaw() : form.value();
  }

  function check(value) {
    const problems = form.validate(value);
    if (problems.length === 0) {
      hideErrors();
      return true;
    }
    showViolations(problems, 'Fix these fields first:');
    return false;
  }

  function showViolations(violations, heading) {
    clear(errors);
    const placed = raw ? [] : form.showErrors(violations);
    errors.append(h('p', { class: 'alert-title' }, heading),
      h('ul', { class: 'violations' }, violations.map((v) => h('li', null,
        h('button', { type: 'button', class: 'link', on: { click: () => jump(v.pointer) } }, v.pointer || '(the config)'),
        ' ', v.message,
        placed.includes(v) ? null : h('span', { class: 'muted' }, ' (not a field of the form)')))));
    errors.hidden = false;
    errors.scrollIntoView({ block: 'nearest' });
  }

  function jump(pointer) {
    if (raw) {
      rawArea.focus();
      return;
    }
    form.focus(pointer);
  }

  function showMessage(text) {
    clear(errors);
    errors.append(h('p', null, text));
    errors.hidden = false;
  }

  function hideErrors() {
    errors.hidden = true;
    clear(errors);
    if (form && !raw) form.showErrors([]);
  }

  return () => {
    alive = false;
    if (form) form.destroy();
  };
}
