// "Describe your test": only when mistral.rs is configured (GET /plugins). The generated config is put
// into the form for review; nothing is started from here.
import * as api from '../api.js';
import * as session from '../session.js';
import { h } from '../dom.js';

function mistralConfigured(plugins) {
  const list = Array.isArray(plugins) ? plugins : (plugins && plugins.plugins) || [];
  return list.some((p) => /mistral/i.test(String(p.name || '')) && p.state !== 'unconfigured' && p.state !== 'disabled');
}

export function mountRecipeBox(slot, fill) {
  api.get('/plugins').then((plugins) => {
    if (!mistralConfigured(plugins)) return;
    const noWrite = session.whyNoWrite('Generating a config');
    const prompt = h('textarea', { id: 'recipe-prompt', rows: 3, placeholder: 'e.g. 50 users browsing the catalogue for 5 minutes, 10% checking out' });
    const target = h('input', { id: 'recipe-target', type: 'url', placeholder: 'http://127.0.0.1:8080' });
    const go = h('button', { type: 'button', class: 'btn', id: 'recipe-generate', disabled: !!noWrite }, 'Generate config');
    const out = h('p', { class: 'muted', id: 'recipe-notes', attrs: { 'aria-live': 'polite' } }, noWrite || '');
    go.addEventListener('click', async () => {
      if (!prompt.value.trim()) { out.textContent = 'Describe the test first.'; prompt.focus(); return; }
      go.disabled = true;
      out.textContent = 'Asking mistral.rs\u2026 (this can take a while)';
      try {
        const body = { prompt: prompt.value.trim() };
        if (target.value.trim()) body.target_base_url = target.value.trim();
        const recipe = await api.post('/recipes', body);
        fill(recipe.config);
        out.textContent = (recipe.notes ? String(recipe.notes).replace(/\.?\s*$/, '. ') : '') + 'Review the form, then press Start run.';
      } catch (e) {
        if (e.status === 401) return;
        out.textContent = 'No config: ' + e.message;
      } finally {
        go.disabled = !!noWrite;
      }
    });
    slot.append(h('details', { class: 'panel recipe', open: true },
      h('summary', null, 'Describe your test (mistral.rs)'),
      h('label', { htmlFor: 'recipe-prompt' }, 'What should the test do?'), prompt,
      h('label', { htmlFor: 'recipe-target' }, 'Target base URL (optional)'), target,
      h('div', { class: 'actions' }, go), out));
  }).catch(() => {});
}
