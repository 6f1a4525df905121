// The run-config form: JSON Editor generates it from GET /api/goose/schema (draft-07), validates with
// the same schema, and shows errors on the fields they name. Server violations arrive as RFC 6901
// pointers into the POST /run body ({"config": ...}) and are mapped onto the editor's paths.

let patched = false;

// JSON Editor strips tags from titles with innerHTML on a detached element, which would make an
// <img onerror> in a scenario name load (CSP blocks the handler, but the name would be mangled). Every
// caller assigns the result to textContent, so plain text is the safe answer: names show as typed.
function patchLibrary() {
  if (patched) return;
  patched = true;
  const asText = (txt) => (txt === null || txt === undefined ? '' : String(txt));
  window.JSONEditor.AbstractEditor.prototype.cleanText = asText;
  window.JSONEditor.AbstractTheme.prototype.cleanText = asText;
  // JSON Editor hides helper labels with inline style attributes, which the dashboard's CSP refuses: the
  // same elements, hidden with a class from dashboard.css instead
  const proto = window.JSONEditor.AbstractTheme.prototype;
  const hidden = (tag, text) => {
    const el = document.createElement(tag);
    el.textContent = asText(text);
    el.classList.add('visually-hidden');
    return el;
  };
  proto.getHiddenLabel = (text) => hidden('label', text);
  proto.getHiddenText = (text) => hidden('span', text);
  proto.visuallyHidden = (el) => { if (el) el.classList.add('visually-hidden'); };
  proto.getOptInCheckbox = function getOptInCheckbox(formname) {
    const container = document.createElement('span');
    const label = hidden('label', formname + '-opt-in');
    label.setAttribute('for', formname + '-opt-in');
    const checkbox = document.createElement('input');
    checkbox.setAttribute('type', 'checkbox');
    checkbox.setAttribute('id', formname + '-opt-in');
    checkbox.classList.add('json-editor-opt-in');
    container.append(checkbox, label);
    return { label, checkbox, container };
  };
}

/** Item titles name the scenario or transaction, so a long form stays readable. */
function prepare(schema) {
  const s = structuredClone(schema);
  const scen = s.properties && s.properties.scenarios;
  if (scen && scen.items) {
    scen.items.headerTemplate = 'scenario {{i1}}: {{self.name}}';
    const tx = scen.items.properties && scen.items.properties.transactions;
    if (tx && tx.items) tx.items.headerTemplate = 'transaction {{i1}}: {{self.name}}';
  }
  delete s.$id;
  return s;
}

export class ConfigForm {
  constructor(holder, schema, startval) {
    patchLibrary();
    this.editor = new window.JSONEditor(holder, {
      schema: prepare(schema),
      startval,
      theme: 'html',
      iconlib: null,
      disable_theme_rules: true,
      disable_edit_json: true,
      disable_properties: false,
      display_required_only: true,
      no_additional_properties: true,
      disable_array_delete_all_rows: true,
      disable_array_delete_last_row: true,
      prompt_before_delete: false,
      show_errors: 'interaction',
      keep_oneof_values: false,
      use_default_values: true,
    });
    this.ready = new Promise((resolve) => this.editor.on('ready', resolve));
  }

  value() {
    return this.editor.getValue();
  }

  setValue(config) {
    this.editor.setValue(config);
  }

  /** Errors of a value against the schema: [{pointer, message}], pointers into the config object. */
  validate(value) {
    return this.editor.validate(value).map((e) => ({ pointer: pathToPointer(e.path), message: e.message }));
  }

  /** Shows errors ([{pointer, message}], pointers into the config) on their fields; returns those placed. */
  showErrors(errors) {
    const placed = [];
    const list = [];
    for (const e of errors) {
      const path = pointerToPath(e.pointer);
      const ed = this.editor.getEditor(path);
      if (ed) {
        list.push({ path, property: 'server', message: e.message });
        placed.push(e);
      }
    }
    this.editor.root.showValidationErrors(list);
    return placed;
  }

  focus(pointer) {
    const ed = this.editor.getEditor(pointerToPath(pointer));
    const target = ed && ed.container && ed.container.querySelector('input, select, textarea, button');
    if (target) {
      target.scrollIntoView({ block: 'center' });
      target.focus();
    }
  }

  destroy() {
    this.editor.destroy();
  }
}

export function pointerToPath(pointer) {
  const tokens = String(pointer || '').split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return ['root', ...tokens].join('.');
}

export function pathToPointer(path) {
  const tokens = String(path || 'root').split('.').slice(1);
  return tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A body pointer (/config/users) as a config pointer (/users); others (the body itself) as they are. */
export function configPointer(bodyPointer) {
  const p = String(bodyPointer || '');
  return p === '/config' ? '' : p.startsWith('/config/') ? p.slice('/config'.length) : p;
}
