// The playground's entry point: identity, connection settings, tabs, and the six views.
import {apiBase, call, saveSettings, settings, uploadBase, webSocketUrl} from './api.js';
import {$, fillModelPicker} from './dom.js';
import {initChat, loadConversations, startNew} from './chat.js';
import {fillCompareModels, initCompare} from './compare.js';
import {initSummarize} from './summarize.js';
import {fillTools, initTools} from './tools.js';
import {initDocuments, refreshDocuments} from './documents.js';
import {initKeys, refreshKeys} from './keys.js';

/** One line for what happened last: a message, or an error with its code. */
function status(message) {
  const line = $('status');
  const isError = message instanceof Error;
  line.classList.toggle('failed', isError);
  line.textContent = isError ? `${message.code ? message.code + ': ' : ''}${message.message}` : message;
}

function initTabs() {
  const tabs = [...document.querySelectorAll('[role=tab]')];
  const select = (tab) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
    history.replaceState(null, '', `${location.search}#${tab.id.slice(4)}`);
    if (tab.id === 'tab-documents') refreshDocuments();
    if (tab.id === 'tab-keys') refreshKeys(status);
  };
  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
      if (!step) return;
      const next = tabs[(index + step + tabs.length) % tabs.length];
      next.focus();
      select(next);
    });
  });
  const initial = tabs.find((tab) => `#${tab.id.slice(4)}` === location.hash);
  if (initial) select(initial);
}

function initIdentity() {
  const user = $('user');
  user.value = settings.user || '';
  user.addEventListener('change', () => {
    saveSettings({user: user.value.trim()});
    startNew();
    loadConversations(status);
    refreshDocuments();
    status(`acting as ${settings.user || 'anonymous'}`);
  });
  $('api-base').value = settings.api || '';
  $('ws-url').value = settings.ws || '';
  $('upload-url').value = settings.upload || '';
  $('token').value = settings.token || '';
  $('api-base').placeholder = apiBase();
  $('ws-url').placeholder = webSocketUrl();
  $('upload-url').placeholder = uploadBase();
  $('connection-form').addEventListener('submit', (event) => {
    event.preventDefault();
    saveSettings({api: $('api-base').value.trim(), ws: $('ws-url').value.trim(),
      upload: $('upload-url').value.trim(), token: $('token').value.trim()});
    location.reload();
  });
}

async function loadCatalog() {
  try {
    const catalog = await call('GET', '/v1/models');
    // Retired models are refused; they are not offered.
    const models = catalog.models.filter((model) => model.lifecycle !== 'retired');
    for (const select of document.querySelectorAll('.model-picker')) fillModelPicker(select, models, catalog.defaultModel);
    fillCompareModels(models);
  } catch (e) {
    status(e);
  }
  try {
    fillTools((await call('GET', '/v1/tools')).tools);
  } catch (e) {
    status(e);
  }
}

initTabs();
initIdentity();
initChat(status);
initCompare(status);
initSummarize();
initTools();
initDocuments(status);
initKeys(status);
startNew();
loadCatalog().then(() => document.body.classList.add('ready'));
loadConversations(status);
