// Chat: a streamed conversation over the WebSocket API, the caller's conversations beside it.
import {call, streamChat} from './api.js';
import {$, el, clear, errorBox, formatMs, formatUsage} from './dom.js';

let conversationId = null;
let busy = false;

export function initChat(status) {
  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    send(status);
  });
  $('chat-input').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('chat-form').requestSubmit();
  });
  $('chat-new').addEventListener('click', () => startNew());
  $('chat-refresh').addEventListener('click', () => loadConversations(status));
}

export function startNew() {
  conversationId = null;
  clear($('chat-log'));
  $('chat-id').textContent = 'new conversation';
  $('chat-meta').textContent = '';
  $('chat-system').disabled = false;
  markCurrent();
}

export async function loadConversations(status) {
  const list = $('conversation-list');
  try {
    const page = await call('GET', '/v1/conversations?limit=50');
    clear(list);
    if (page.conversations.length === 0) list.append(el('li', {className: 'muted small'}, 'No conversations yet.'));
    for (const summary of page.conversations) {
      list.append(el('li', {className: 'conversation', 'data-id': summary.conversationId},
        el('button', {type: 'button', className: 'link open-conversation', title: summary.conversationId},
          summary.title || summary.conversationId),
        el('span', {className: 'muted small'}, `${summary.turns} turn${summary.turns === 1 ? '' : 's'} · ${summary.model}`),
        el('button', {type: 'button', className: 'icon delete-conversation',
          'aria-label': `Delete conversation ${summary.title || summary.conversationId}`}, '×')));
      const item = list.lastElementChild;
      item.querySelector('.open-conversation').addEventListener('click', () => open(summary.conversationId, status));
      item.querySelector('.delete-conversation').addEventListener('click', () => remove(summary.conversationId, status));
    }
    markCurrent();
  } catch (e) {
    clear(list).append(el('li', {}, errorBox(e)));
  }
}

function markCurrent() {
  for (const item of $('conversation-list').querySelectorAll('li[data-id]')) {
    item.classList.toggle('current', item.dataset.id === conversationId);
  }
}

async function open(id, status) {
  try {
    const conversation = await call('GET', `/v1/conversations/${encodeURIComponent(id)}`);
    conversationId = conversation.conversationId;
    const log = clear($('chat-log'));
    for (const message of conversation.messages) {
      const text = blocks(message.content, 'text');
      if (!text) continue; // tool turns: toolUse / toolResult blocks only
      if (message.role === 'user') {
        log.append(userEntry(text));
        continue;
      }
      const entry = assistantEntry(conversation.model);
      setReasoning(entry, blocks(message.content, 'reasoning'));
      entry.reply.textContent = text;
      log.append(entry.node);
    }
    $('chat-id').textContent = `${conversation.title || conversation.conversationId} · ${conversation.turns} turns`;
    $('chat-model').value = conversation.model;
    $('chat-system').disabled = true;
    $('chat-meta').textContent = '';
    markCurrent();
    log.lastElementChild?.scrollIntoView({block: 'end'});
  } catch (e) {
    status(e);
  }
}

/** The text (or reasoning text) of a Converse content list. */
function blocks(content, kind) {
  return (content || []).map((block) => kind === 'text' ? block.text
    : block.reasoningContent?.reasoningText?.text).filter(Boolean).join('\n');
}

async function remove(id, status) {
  try {
    await call('DELETE', `/v1/conversations/${encodeURIComponent(id)}`);
    if (id === conversationId) startNew();
    await loadConversations(status);
  } catch (e) {
    status(e);
  }
}

function userEntry(text) {
  return el('li', {className: 'message user'}, el('span', {className: 'role'}, 'You'), el('p', {className: 'text'}, text));
}

function assistantEntry(model) {
  const reasoningText = el('p', {className: 'text'});
  const reasoning = el('details', {className: 'reasoning', hidden: true}, el('summary', {}, 'Reasoning'), reasoningText);
  const reply = el('p', {className: 'text reply'});
  const meta = el('p', {className: 'muted small meta'});
  const node = el('li', {className: 'message assistant'}, el('span', {className: 'role'}, model || 'Assistant'),
    reasoning, reply, meta);
  return {node, reasoning, reasoningText, reply, meta};
}

function setReasoning(entry, text) {
  if (!text) return;
  entry.reasoning.hidden = false;
  entry.reasoningText.textContent = text;
}

async function send(status) {
  const input = $('chat-input');
  const message = input.value.trim();
  if (!message || busy) return;
  busy = true;
  $('chat-send').disabled = true;
  const log = $('chat-log');
  log.append(userEntry(message));
  const entry = assistantEntry($('chat-model').value);
  entry.node.classList.add('streaming');
  log.append(entry.node);
  input.value = '';
  const request = {message, model: $('chat-model').value};
  if (conversationId) request.conversationId = conversationId;
  const system = $('chat-system').value.trim();
  if (!conversationId && system) request.system = system;
  // Text nodes grow in place as frames arrive; nothing is ever parsed as markup.
  const replyText = entry.reply.appendChild(document.createTextNode(''));
  const reasoningText = entry.reasoningText.appendChild(document.createTextNode(''));
  await streamChat(request, (frame) => {
    switch (frame.type) {
      case 'start':
        conversationId = frame.conversationId;
        $('chat-id').textContent = `${conversationId} · turn ${frame.turn}`;
        entry.node.querySelector('.role').textContent = frame.model;
        $('chat-system').disabled = true;
        break;
      case 'reasoning':
        entry.reasoning.hidden = false;
        reasoningText.data += frame.text;
        break;
      case 'delta':
        replyText.data += frame.text;
        entry.node.scrollIntoView({block: 'end'});
        break;
      case 'end':
        entry.meta.textContent = `${formatUsage(frame.usage)} · ${formatMs(frame.latencyMs)} · ${frame.stopReason}`;
        $('chat-meta').textContent = `turn ${frame.turn} stored`;
        break;
      case 'error':
        entry.node.append(errorBox(frame.error));
        break;
      default:
        break;
    }
  });
  entry.node.classList.remove('streaming');
  busy = false;
  $('chat-send').disabled = false;
  await loadConversations(status);
}
