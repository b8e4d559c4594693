// Summarize: text in, a style, the summary out with its usage and latency.
import {call} from './api.js';
import {$, formatMs, formatUsage, clear, errorBox} from './dom.js';

export function initSummarize() {
  $('summarize-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = $('summarize-result');
    const output = $('summarize-output');
    const meta = $('summarize-meta');
    $('summarize-run').disabled = true;
    try {
      const summary = await call('POST', '/v1/summarize', {
        text: $('summarize-input').value, style: $('summarize-style').value, model: $('summarize-model').value,
      });
      output.textContent = summary.summary;
      meta.textContent = `${summary.model} · ${summary.style} · ${formatUsage(summary.usage)} · ${formatMs(summary.latencyMs)}`;
    } catch (e) {
      clear(output).append(errorBox(e));
      meta.textContent = '';
    } finally {
      result.hidden = false;
      $('summarize-run').disabled = false;
    }
  });
}
