// Compare: one prompt, several models side by side; latency bars, token counts, errors in place.
import {call} from './api.js';
import {$, el, clear, errorBox, formatMs, formatUsage} from './dom.js';

/** Preferred first picks, when the catalog has them. */
const PREFERRED = ['nova-micro', 'nova-lite', 'nova-pro'];

export function initCompare(status) {
  $('compare-form').addEventListener('submit', (event) => {
    event.preventDefault();
    run(status);
  });
}

export function fillCompareModels(models) {
  const box = clear($('compare-models'));
  const picked = new Set(PREFERRED.filter((id) => models.some((m) => m.id === id)));
  for (const model of models) {
    if (picked.size < 3 && !picked.has(model.id) && model.lifecycle === 'active') picked.add(model.id);
  }
  for (const model of models) {
    box.append(el('label', {className: 'check'},
      el('input', {type: 'checkbox', name: 'model', value: model.id, checked: picked.has(model.id)}), model.id));
  }
}

async function run(status) {
  const models = [...$('compare-models').querySelectorAll('input:checked')].map((box) => box.value);
  const results = clear($('compare-results'));
  if (models.length === 0) {
    status(new Error('pick at least one model'));
    return;
  }
  $('compare-run').disabled = true;
  $('compare-meta').textContent = `asking ${models.length} models…`;
  const started = performance.now();
  try {
    const answer = await call('POST', '/v1/compare', {message: $('compare-input').value, models});
    const slowest = Math.max(1, ...answer.results.map((r) => r.latencyMs || 0));
    // Side by side in the order picked, whichever answered first.
    const order = (result) => models.indexOf(result.model);
    for (const result of [...answer.results].sort((a, b) => order(a) - order(b))) results.append(column(result, slowest));
    $('compare-meta').textContent = `${answer.results.length} answers in ${formatMs(performance.now() - started)} (wall clock)`;
  } catch (e) {
    results.append(errorBox(e));
    $('compare-meta').textContent = '';
  } finally {
    $('compare-run').disabled = false;
  }
}

function column(result, slowest) {
  const fill = el('div', {className: 'fill'});
  // CSSOM, not a style attribute: the page's CSP allows no inline styles.
  fill.style.width = `${Math.round(((result.latencyMs || 0) / slowest) * 100)}%`;
  const body = result.error ? errorBox(result.error) : el('p', {className: 'text reply'}, result.reply);
  return el('article', {className: `column card${result.error ? ' failed' : ''}`, 'data-model': result.model},
    el('h3', {}, result.model),
    el('div', {className: 'bar', role: 'img', 'aria-label': `latency ${formatMs(result.latencyMs)}`}, fill),
    el('p', {className: 'latency small'}, formatMs(result.latencyMs)),
    result.reasoning ? el('details', {className: 'reasoning'}, el('summary', {}, 'Reasoning'),
      el('p', {className: 'text'}, result.reasoning)) : null,
    body,
    el('p', {className: 'muted small tokens'}, result.error ? '' : formatUsage(result.usage)));
}
