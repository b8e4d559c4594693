// Documents: upload a file into the documents bucket (uploads/{owner}/...), watch its summary appear.
import {call, owner, upload, uploadBase} from './api.js';
import {$, el, clear, errorBox, formatUsage} from './dom.js';

const POLL_MS = 1000;
const POLL_LIMIT_MS = 120_000;

export function initDocuments(status) {
  $('documents-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('documents-file').files[0];
    if (!file) return;
    $('documents-upload').disabled = true;
    try {
      const key = await upload(file);
      status(`uploaded ${key}; waiting for its summary…`);
      await refreshDocuments();
      await awaitSummary(key, status);
    } catch (e) {
      status(e);
    } finally {
      $('documents-upload').disabled = false;
    }
  });
  $('documents-refresh').addEventListener('click', () => refreshDocuments());
}

export function showUploadTarget() {
  $('documents-target').textContent = `to ${uploadBase()}/uploads/${owner()}/`;
}

/** The upload watcher announces the object within a second or two; poll until it is done or failed. */
async function awaitSummary(key, status) {
  const path = `/v1/documents/${key.split('/').map(encodeURIComponent).join('/')}`;
  const deadline = Date.now() + POLL_LIMIT_MS;
  while (Date.now() < deadline) {
    try {
      const record = await call('GET', path);
      if (record.status !== 'pending') {
        await refreshDocuments();
        status(`${key}: ${record.status}`);
        return;
      }
    } catch (e) {
      if (e.status !== 404) throw e; // 404: not announced yet
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  status(new Error(`no summary for ${key} after ${POLL_LIMIT_MS / 1000} s`));
}

export async function refreshDocuments() {
  showUploadTarget();
  const list = $('documents-list');
  try {
    const page = await call('GET', '/v1/documents?limit=50');
    clear(list);
    if (page.documents.length === 0) list.append(el('li', {className: 'muted small'}, 'No documents yet.'));
    for (const record of page.documents) list.append(documentItem(record));
  } catch (e) {
    clear(list).append(el('li', {}, errorBox(e)));
  }
}

function documentItem(record) {
  return el('li', {className: `card document ${record.status}`, 'data-key': record.key},
    el('div', {className: 'row'}, el('strong', {}, record.key.slice(`uploads/${record.owner}/`.length) || record.key),
      el('span', {className: `badge ${record.status}`}, record.status),
      el('span', {className: 'muted small'}, [record.format, record.model, formatUsage(record.usage)].filter(Boolean).join(' · '))),
    record.summary ? el('p', {className: 'text summary'}, record.summary) : null,
    record.error ? errorBox(record.error) : null);
}
