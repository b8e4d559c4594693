// Tools: one turn of the function-calling loop, each tool call a step (name, input, output, status, duration).
import {call} from './api.js';
import {$, el, clear, errorBox, formatMs, formatUsage, json} from './dom.js';

export function initTools() {
  $('tools-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const tools = [...$('tools-list').querySelectorAll('input:checked')].map((box) => box.value);
    const steps = clear($('tools-steps'));
    const reply = clear($('tools-reply'));
    $('tools-meta').textContent = '';
    $('tools-run').disabled = true;
    try {
      const answer = await call('POST', '/v1/tools', {message: $('tools-input').value, tools, model: $('tools-model').value});
      answer.toolCalls.forEach((toolCall, index) => steps.append(step(toolCall, index + 1)));
      if (answer.toolCalls.length === 0) steps.append(el('li', {className: 'muted'}, 'The model called no tool.'));
      reply.textContent = answer.reply;
      $('tools-meta').textContent = `${answer.model} · ${answer.iterations} model calls · ${answer.stopReason} · `
        + `${formatUsage(answer.usage)} · ${formatMs(answer.latencyMs)}`;
    } catch (e) {
      reply.append(errorBox(e));
    } finally {
      $('tools-result').hidden = false;
      $('tools-run').disabled = false;
    }
  });
}

export function fillTools(tools) {
  const box = clear($('tools-list'));
  for (const tool of tools) {
    box.append(el('label', {className: 'check', title: tool.description},
      el('input', {type: 'checkbox', name: 'tool', value: tool.name, checked: true}), tool.name));
  }
}

function step(toolCall, number) {
  return el('li', {className: `step ${toolCall.status}`},
    el('div', {className: 'row'},
      el('strong', {}, `${number}. ${toolCall.name}`),
      el('span', {className: `badge ${toolCall.status}`}, toolCall.status),
      el('span', {className: 'muted small'}, formatMs(toolCall.durationMs))),
    el('div', {className: 'io'},
      el('div', {}, el('h4', {}, 'Input'), el('pre', {}, json(toolCall.input))),
      el('div', {}, el('h4', {}, 'Output'), el('pre', {}, json(toolCall.output)))));
}
