// The API key: asked for once when the server answers 401, kept in sessionStorage for this tab only.

import { byId } from './dom.js';

const storageKey = 'monitorcore.api-key';
let asking = null;
const listeners = [];

export const currentKey = () => sessionStorage.getItem(storageKey);

/** Called after a new key is entered (the event stream reconnects with it). */
export const onKeyChanged = listener => listeners.push(listener);

/** Asks for a key (one prompt however many requests wait); resolves when one is entered. */
export function askForKey(refused) {
  if (refused) sessionStorage.removeItem(storageKey);
  asking ??= new Promise(resolve => {
    const dialog = byId('key-dialog');
    const form = byId('key-form');
    const input = byId('key-input');
    const problem = byId('key-problem');
    problem.hidden = !refused;
    problem.textContent = refused ? 'The server refused that key: check it and try again.' : '';
    input.value = '';
    form.addEventListener('submit', () => {
      sessionStorage.setItem(storageKey, input.value.trim());
      asking = null;
      resolve();
      listeners.forEach(l => l());
    }, { once: true });
    dialog.addEventListener('cancel', event => event.preventDefault()); // nothing works without a key
    if (!dialog.open) dialog.showModal();
    input.focus();
  });
  return asking;
}
