// DOM helpers. Text always goes in as text nodes (textContent), never as markup: model output,
// file names and error messages cannot inject anything into the page.

/** el('p', {className: 'x', 'aria-label': 'y'}, 'text', childNode) */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (PROPERTIES.has(key)) node[key] = value;
    else node.setAttribute(key, value);
  }
  append(node, ...children);
  return node;
}

/** Set as DOM properties; everything else (aria-*, role, for, ...) is an attribute; text is never parsed as markup. */
const PROPERTIES = new Set(['className', 'hidden', 'checked', 'disabled', 'value', 'type', 'id', 'name', 'open']);

export function append(node, ...children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const $ = (id) => document.getElementById(id);

/** A JSON value as indented text, for a <pre>. */
export function json(value) {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

export function formatMs(ms) {
  return ms === undefined || ms === null ? '–' : ms >= 1000 ? (ms / 1000).toFixed(2) + ' s' : Math.round(ms) + ' ms';
}

export function formatUsage(usage) {
  if (!usage) return '';
  return `${usage.inputTokens ?? 0} in · ${usage.outputTokens ?? 0} out · ${usage.totalTokens ?? 0} total tokens`;
}

/** An API error ({code, message}) as one readable element. */
export function errorBox(error) {
  return el('div', {className: 'error', role: 'alert'},
    el('strong', {}, error.code || 'error'), ' ', error.message || String(error));
}

/** Fills every <select> with the models of GET /v1/models, keeping a previous choice. */
export function fillModelPicker(select, models, defaultModel) {
  const previous = select.value;
  clear(select);
  for (const model of models) {
    const label = model.lifecycle && model.lifecycle !== 'active' ? `${model.id} (${model.lifecycle})` : model.id;
    select.append(el('option', {value: model.id}, label));
  }
  select.value = models.some((m) => m.id === previous) ? previous : defaultModel;
}
