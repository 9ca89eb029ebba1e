// Light and dark theme from the theme_mode runtime setting; the toggle sets it through the API, so every
// dashboard and the console follow.

import { api, ApiProblem } from './api.js';
import { byId } from './dom.js';

let current = 'dark';
let onChanged = () => {};

export function applyTheme(mode) {
  current = mode === 'light' ? 'light' : 'dark';
  document.documentElement.dataset.theme = current;
  const toggle = byId('theme-toggle');
  toggle.textContent = current === 'dark' ? 'Light theme' : 'Dark theme';
  toggle.setAttribute('aria-label', `Switch to the ${current === 'dark' ? 'light' : 'dark'} theme (theme_mode)`);
}

export function initTheme(changed) {
  onChanged = changed;
  byId('theme-toggle').addEventListener('click', async () => {
    const next = current === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    try {
      await api.put('/api/settings/theme_mode', { value: next });
    } catch (error) {
      applyTheme(next === 'dark' ? 'light' : 'dark');
      byId('banner').hidden = false;
      byId('banner').textContent = error instanceof ApiProblem ? `Theme not saved: ${error.detail}` : error.message;
    }
    onChanged();
  });
}
