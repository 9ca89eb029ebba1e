// A tiny element builder: text goes in as text, never as HTML, so nothing the API returns can inject markup.

/** h('p', {class: 'note', onclick: f}, 'text', child, [more]) */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'style') Object.assign(node.style, value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces an element's children. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export const byId = id => document.getElementById(id);

/** Whether the user is typing or choosing inside an element (a live refresh must not wipe their input). */
export function isEditing(node) {
  const active = document.activeElement;
  if (active === null || !node.contains(active)) return false;
  if (active.tagName === 'INPUT') return !['checkbox', 'radio', 'button', 'submit'].includes(active.type);
  return active.tagName === 'SELECT' || active.tagName === 'TEXTAREA';
}

/**
 * Re-renders a container without losing the reader's place: the focused control (by its data-key) gets the
 * focus back, and open <details> (by their data-key) stay open.
 */
export function rerender(container, render) {
  const focused = container.contains(document.activeElement) ? document.activeElement?.dataset?.key : undefined;
  const open = new Set([...container.querySelectorAll('details[open][data-key]')].map(d => d.dataset.key));
  render();
  for (const details of container.querySelectorAll('details[data-key]')) details.open = open.has(details.dataset.key);
  if (focused) container.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}
