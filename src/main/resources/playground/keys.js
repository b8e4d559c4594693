// Keys: mint an API key for a tool (the secret is shown once, with the lines to configure the
// OpenAI SDK, the Anthropic SDK and Claude Code), list the caller's keys, revoke one.
import {apiBase, call} from './api.js';
import {$, el, clear, errorBox} from './dom.js';

export function initKeys(status) {
  $('keys-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {name: $('keys-name').value.trim()};
    const models = $('keys-models').value.split(',').map((m) => m.trim()).filter(Boolean);
    if (models.length) body.models = models;
    const rpm = $('keys-rpm').value.trim();
    if (rpm) body.rpm = Number(rpm);
    $('keys-create').disabled = true;
    try {
      const created = await call('POST', '/v1/keys', body);
      showSecret(created);
      status(`key ${created.id} created`);
      await refreshKeys(status);
    } catch (e) {
      status(e);
    } finally {
      $('keys-create').disabled = false;
    }
  });
  $('keys-copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('keys-secret').textContent);
      $('keys-copy').textContent = 'Copied';
    } catch (e) {
      status(new Error('copying needs clipboard permission; select the key and copy it by hand'));
    }
  });
  $('keys-refresh').addEventListener('click', () => refreshKeys(status));
}

/** The secret, once: the answer to the creation is the only place it ever appears. */
function showSecret(created) {
  const base = apiBase().replace(/\/$/, '');
  $('keys-secret').textContent = created.key;
  $('keys-copy').textContent = 'Copy';
  $('keys-env').textContent = [
    '# OpenAI SDKs',
    `export OPENAI_BASE_URL="${base}/openai/v1"`,
    `export OPENAI_API_KEY="${created.key}"`,
    '# Anthropic SDKs',
    `export ANTHROPIC_BASE_URL="${base}/anthropic"`,
    `export ANTHROPIC_API_KEY="${created.key}"`,
    '# Claude Code',
    `export ANTHROPIC_BASE_URL="${base}/anthropic"`,
    `export ANTHROPIC_AUTH_TOKEN="${created.key}"`,
  ].join('\n');
  $('keys-created').hidden = false;
}

export async function refreshKeys(status) {
  const list = $('keys-list');
  try {
    const {keys} = await call('GET', '/v1/keys');
    clear(list);
    if (keys.length === 0) list.append(el('li', {className: 'muted small'}, 'No keys yet.'));
    for (const key of keys) list.append(keyItem(key, status));
  } catch (e) {
    clear(list).append(el('li', {}, errorBox(e)));
  }
}

function keyItem(key, status) {
  const limits = key.limits || {};
  const details = [key.prefix + '…', limits.models ? limits.models.join(', ') : 'all models',
    limits.rpm ? `${limits.rpm} rpm` : null, key.lastUsedAt ? `used ${key.lastUsedAt}` : 'never used']
    .filter(Boolean).join(' · ');
  const revoke = el('button', {type: 'button', className: 'revoke', 'aria-label': `Revoke ${key.name}`}, 'Revoke');
  revoke.addEventListener('click', async () => {
    revoke.disabled = true;
    try {
      await call('DELETE', `/v1/keys/${encodeURIComponent(key.id)}`);
      status(`key ${key.id} revoked`);
      await refreshKeys(status);
    } catch (e) {
      status(e);
      revoke.disabled = false;
    }
  });
  return el('li', {className: 'card key', 'data-id': key.id},
    el('div', {className: 'row'}, el('strong', {}, key.name), el('span', {className: 'muted small'}, details), revoke));
}
