// The playground in a real browser against a real local run: each view once, screenshots of each.
import {after, afterEach, before, describe, test} from 'node:test';
import assert from 'node:assert/strict';
import {API, api, emulator, launch, openPlayground, screenshot, uniqueUser} from './harness.mjs';

const TEST_TIMEOUT = 120_000;
let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

afterEach(async () => {
  await emulator('reset');
});

/** Sends a chat message and samples the streaming reply's length in the page until the turn ends. */
async function sendAndSample(page, message) {
  await page.fill('#chat-input', message);
  const sampling = page.evaluate(() => new Promise((resolve) => {
    const lengths = [];
    const started = performance.now();
    const timer = setInterval(() => {
      const entry = document.querySelector('#chat-log .message.assistant:last-child');
      if (!entry) return;
      const length = entry.querySelector('.reply').textContent.length;
      if (length !== lengths.at(-1)) lengths.push(length);
      if (!entry.classList.contains('streaming') || performance.now() - started > 60_000) {
        clearInterval(timer);
        resolve(lengths);
      }
    }, 5);
  }));
  await page.click('#chat-send');
  return sampling;
}

describe('playground', () => {
  test('a streamed chat reply grows across frames, then shows usage and latency', {timeout: TEST_TIMEOUT}, async () => {
    // Paced like a real model: the first token after 150 ms, then one every 70 ms (well above
    // the 50 ms frame coalescing), so each delta is its own WebSocket frame.
    await emulator('latency', {firstTokenMs: 150, perTokenMs: 70});
    const user = uniqueUser('stream');
    const {page, errors, close} = await openPlayground(browser, user);
    try {
      const lengths = await sendAndSample(page,
        'Please repeat after me: the river festival returns to Linz this weekend with twelve stages along the Danube.');
      const reply = await page.textContent('#chat-log .message.assistant:last-child .reply');
      assert.ok(reply.length > 20, `a reply: ${reply}`);
      const growing = lengths.filter((length) => length > 0);
      assert.ok(growing.length >= 4, `the text grew in several steps, not at once: ${lengths}`);
      for (let i = 1; i < growing.length; i++) assert.ok(growing[i] > growing[i - 1], `only ever grows: ${lengths}`);
      assert.ok(growing[0] < reply.length, `the first frame is part of the reply: ${lengths}`);
      const meta = await page.textContent('#chat-log .message.assistant:last-child .meta');
      assert.match(meta, /\d+ in · \d+ out · \d+ total tokens · \d+(\.\d+)? (ms|s) · end_turn/);
      // What streamed is what was stored.
      const listing = await api('/v1/conversations', user);
      assert.equal(listing.body.conversations.length, 1);
      const stored = await api(`/v1/conversations/${listing.body.conversations[0].conversationId}`, user);
      assert.equal(stored.body.messages.at(-1).content[0].text, reply);
      await screenshot(page, 'chat');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a reasoning model's reasoning streams apart from its answer", {timeout: TEST_TIMEOUT}, async () => {
    const user = uniqueUser('reasoning');
    const {page, errors, close} = await openPlayground(browser, user);
    try {
      await page.selectOption('#chat-model', 'deepseek-r1');
      await sendAndSample(page, 'Is 17 a prime number?');
      const entry = page.locator('#chat-log .message.assistant').last();
      assert.equal(await entry.locator('.role').textContent(), 'deepseek-r1');
      assert.equal(await entry.locator('.reasoning').isVisible(), true, 'the reasoning is shown (folded)');
      const reasoning = await entry.locator('.reasoning .text').textContent();
      const reply = await entry.locator('.reply').textContent();
      assert.ok(reasoning.length > 0 && reply.length > 0, `${reasoning} / ${reply}`);
      assert.ok(!reply.includes(reasoning), 'the answer does not carry the reasoning');
      // As stored: the reasoning is its own content block, never part of the reply text.
      const listing = await api('/v1/conversations', user);
      const stored = await api(`/v1/conversations/${listing.body.conversations[0].conversationId}`, user);
      const texts = stored.body.messages.at(-1).content.filter((block) => block.text).map((block) => block.text);
      assert.deepEqual(texts, [reply]);
      await entry.locator('.reasoning summary').click();
      await screenshot(page, 'chat-reasoning');
      // Reopened, the turn shows the same reasoning apart from the same answer.
      await page.click('#chat-new');
      await page.click('#conversation-list .open-conversation');
      const reopened = page.locator('#chat-log .message.assistant').last();
      await reopened.waitFor();
      assert.equal(await reopened.locator('.reasoning .text').textContent(), reasoning);
      assert.equal(await reopened.locator('.reply').textContent(), reply);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a conversation is listed, reopened, continued and deleted', {timeout: TEST_TIMEOUT}, async () => {
    const user = uniqueUser('reopen');
    const {page, errors, close} = await openPlayground(browser, user);
    try {
      await sendAndSample(page, 'Remember the word lighthouse.');
      const firstReply = await page.textContent('#chat-log .message.assistant:last-child .reply');
      await page.waitForSelector('#conversation-list li[data-id]');
      await page.click('#chat-new');
      assert.equal(await page.locator('#chat-log li').count(), 0, 'a new conversation starts empty');

      await page.click('#conversation-list .open-conversation');
      await page.waitForSelector('#chat-log .message.user');
      assert.deepEqual(await page.locator('#chat-log .message.user .text').allTextContents(),
        ['Remember the word lighthouse.']);
      assert.equal(await page.textContent('#chat-log .message.assistant .reply'), firstReply);

      await sendAndSample(page, 'Which word was it?');
      await page.waitForSelector('#conversation-list li[data-id] >> text=2 turns');
      const listing = await api('/v1/conversations', user);
      assert.equal(listing.body.conversations.length, 1, 'continued, not a second conversation');
      assert.equal(listing.body.conversations[0].turns, 2);
      await screenshot(page, 'chat-reopened');

      await page.click('#conversation-list .delete-conversation');
      await page.waitForSelector('#conversation-list >> text=No conversations yet.');
      assert.equal((await api('/v1/conversations', user)).body.conversations.length, 0);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('compare renders one column per model with its latency and tokens', {timeout: TEST_TIMEOUT}, async () => {
    // Three answers of their own, each model slower than the last: the bars must tell them apart.
    const answers = {
      'nova-micro': [100, 'Cross-region inference sends a request to another Region of the same geography when the '
        + 'nearest one is busy. It raises throughput without any change to the call.'],
      'nova-lite': [400, 'A cross-region inference profile names a model in several Regions at once; Bedrock picks '
        + 'the Region that has capacity. You pay the source Region\'s price.'],
      'nova-pro': [900, 'Cross-region inference routes each call through an inference profile (us., eu., apac. '
        + 'or global.) to whichever Region can serve it, which absorbs bursts. Data stays within the geography.'],
    };
    const catalog = (await api('/v1/models', 'anyone')).body.models;
    for (const [model, [delayMs, text]] of Object.entries(answers)) {
      const modelId = catalog.find((entry) => entry.id === model).modelId;
      await emulator('script', {modelId, reply: {text}, delayMs});
    }
    const {page, errors, close} = await openPlayground(browser, uniqueUser('compare'), 'compare');
    try {
      await pickModels(page, ['nova-micro', 'nova-lite', 'nova-pro']);
      await page.fill('#compare-input', `Explain cross-region inference in two sentences. (${Date.now()})`);
      await page.click('#compare-run');
      await page.waitForSelector('#compare-results .column >> nth=2');
      const columns = page.locator('#compare-results .column');
      assert.equal(await columns.count(), 3);
      // Side by side in the picker's (the catalog's) order, whichever answered first.
      assert.deepEqual(await columns.locator('h3').allTextContents(), ['nova-lite', 'nova-micro', 'nova-pro']);
      for (const latency of await columns.locator('.latency').allTextContents()) {
        assert.match(latency, /^\d+(\.\d+)? (ms|s)$/);
      }
      for (const tokens of await columns.locator('.tokens').allTextContents()) {
        assert.match(tokens, /^\d+ in · \d+ out · \d+ total tokens$/);
      }
      assert.deepEqual(await columns.locator('.reply').allTextContents(),
        ['nova-lite', 'nova-micro', 'nova-pro'].map((model) => answers[model][1]));
      // Bars are latency relative to the slowest: nova-pro full, nova-micro well short of it.
      const widths = await columns.locator('.bar .fill')
        .evaluateAll((fills) => fills.map((fill) => Number.parseInt(fill.style.width, 10)));
      const [lite, micro, pro] = widths;
      assert.equal(pro, 100, `${widths}`);
      assert.ok(micro < lite && lite < pro && micro < 60, `${widths}`);
      assert.equal(await page.locator('#compare-results .error').count(), 0);
      await screenshot(page, 'compare');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a model's error shows in its own column, the others answer", {timeout: TEST_TIMEOUT}, async () => {
    const catalog = await api('/v1/models', 'anyone');
    const novaPro = catalog.body.models.find((model) => model.id === 'nova-pro').modelId;
    await emulator('script', {modelId: novaPro, reply: {error: {type: 'AccessDeniedException',
      message: 'You don\'t have access to the model with the specified model ID.'}}, times: -1});
    const {page, errors, close} = await openPlayground(browser, uniqueUser('compare-error'), 'compare');
    try {
      await pickModels(page, ['nova-micro', 'nova-lite', 'nova-pro']);
      await page.fill('#compare-input', `Name three rivers in Austria. (${Date.now()})`);
      await page.click('#compare-run');
      await page.waitForSelector('#compare-results .column >> nth=2');
      const failed = page.locator('#compare-results .column[data-model="nova-pro"]');
      assert.match(await failed.locator('.error').textContent(), /^model_access_denied /);
      assert.equal(await failed.evaluate((node) => node.classList.contains('failed')), true);
      for (const model of ['nova-micro', 'nova-lite']) {
        const column = page.locator(`#compare-results .column[data-model="${model}"]`);
        assert.equal(await column.locator('.error').count(), 0, model);
        assert.ok((await column.locator('.reply').textContent()).length > 0, model);
      }
      await screenshot(page, 'compare-error');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('summarize shows the summary in the chosen style with usage and latency', {timeout: TEST_TIMEOUT}, async () => {
    const {page, errors, close} = await openPlayground(browser, uniqueUser('summarize'), 'summarize');
    try {
      await page.selectOption('#summarize-style', 'bullets');
      await page.click('#summarize-run');
      await page.waitForSelector('#summarize-result:not([hidden])');
      const summary = await page.textContent('#summarize-output');
      assert.match(summary, /^- /m, `bullets: ${summary}`);
      assert.match(await page.textContent('#summarize-meta'),
        /^nova-micro · bullets · \d+ in · \d+ out · \d+ total tokens · \d+(\.\d+)? (ms|s)$/);
      await screenshot(page, 'summarize');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test("a tool turn's calls show as steps with input, output, status and duration", {timeout: TEST_TIMEOUT}, async () => {
    const {page, errors, close} = await openPlayground(browser, uniqueUser('tools'), 'tools');
    try {
      await page.click('#tools-run');
      await page.waitForSelector('#tools-result:not([hidden])');
      const steps = page.locator('#tools-steps .step');
      assert.equal(await steps.count(), 1);
      assert.equal(await steps.locator('strong').textContent(), '1. get_weather');
      assert.equal(await steps.locator('.badge').textContent(), 'success');
      assert.match(await steps.locator('.row .muted').textContent(), /^\d+(\.\d+)? (ms|s)$/);
      const [input, output] = await steps.locator('pre').allTextContents();
      assert.equal(JSON.parse(input).location, 'Vienna');
      assert.equal(typeof JSON.parse(output).temperatureC, 'number');
      assert.match(await page.textContent('#tools-reply'), /get_weather/);
      await screenshot(page, 'tools');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });

  test('a saved token goes only to the API it was saved for, never to one a link names', {timeout: TEST_TIMEOUT}, async () => {
    const {page, close} = await openPlayground(browser, uniqueUser('token'));
    const sent = [];
    page.on('request', (request) => sent.push({url: request.url(), authorization: request.headers().authorization}));
    try {
      await page.click('details.connection summary');
      await page.fill('#token', 'saved-token');
      await Promise.all([page.waitForNavigation(), page.click('#connection-form button[type=submit]')]);
      await page.waitForSelector('body.ready');
      const own = sent.filter((r) => r.url.startsWith(`${API}/v1/models`));
      assert.ok(own.length > 0 && own.every((r) => r.authorization === 'Bearer saved-token'),
        `the API it was saved for gets the token: ${JSON.stringify(own)}`);

      // A crafted link points the page at another address: the token must not travel there.
      const elsewhere = 'http://127.0.0.1:9/collect';
      sent.length = 0;
      await page.goto(`${API}/playground/?api=${encodeURIComponent(elsewhere)}#chat`);
      await page.waitForFunction(() => document.querySelector('#status')?.textContent.length > 0
        || document.body.classList.contains('ready'), null, {timeout: 10_000}).catch(() => {});
      await page.waitForTimeout(500);
      const leaked = sent.filter((r) => r.url.startsWith(elsewhere));
      assert.ok(leaked.length > 0, `the page did call the linked address: ${JSON.stringify(sent)}`);
      assert.ok(leaked.every((r) => r.authorization === undefined), `no token sent there: ${JSON.stringify(leaked)}`);
    } finally {
      await close();
    }
  });

  test('an uploaded document shows its summary', {timeout: TEST_TIMEOUT}, async () => {
    const user = uniqueUser('documents');
    const {page, errors, close} = await openPlayground(browser, user, 'documents');
    try {
      assert.match(await page.textContent('#documents-target'), new RegExp(`/uploads/${user}/$`));
      await page.setInputFiles('#documents-file', {name: 'river festival.txt', mimeType: 'text/plain',
        buffer: Buffer.from('The river festival returns to Linz this weekend after a two-year pause. '
          + 'Organisers expect forty thousand visitors. Twelve stages will line the Danube, '
          + 'and trams run all night on Saturday.')});
      await page.click('#documents-upload');
      const item = page.locator('#documents-list .document.done');
      await item.waitFor({timeout: 90_000});
      assert.equal(await item.locator('strong').textContent(), 'river festival.txt');
      assert.match(await item.locator('.summary').textContent(), /river festival|Linz|Danube/i);
      // The page uploaded as the caller: the record is theirs, under uploads/{user}/.
      const record = await api(`/v1/documents/uploads/${user}/river%20festival.txt`, user);
      assert.equal(record.status, 200);
      assert.equal(record.body.owner, user);
      await screenshot(page, 'documents');
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
  test('a key is created with its secret shown once, listed without it, and revoked', {timeout: TEST_TIMEOUT}, async () => {
    const user = uniqueUser('keys');
    const {page, errors, close} = await openPlayground(browser, user, 'keys');
    try {
      await page.fill('#keys-name', 'laptop');
      await page.fill('#keys-models', 'nova-micro');
      await page.click('#keys-create');
      await page.waitForSelector('#keys-created:not([hidden])');
      const secret = await page.textContent('#keys-secret');
      assert.match(secret, /^pk_[a-z0-9]{16}[A-Za-z0-9_-]{43}$/);
      const env = await page.textContent('#keys-env');
      for (const line of ['OPENAI_BASE_URL=', 'OPENAI_API_KEY="' + secret, 'ANTHROPIC_API_KEY="' + secret,
        'ANTHROPIC_AUTH_TOKEN="' + secret]) {
        assert.ok(env.includes(line), `${line} in ${env}`);
      }
      await page.waitForSelector('#keys-list li.key');
      const listed = await page.textContent('#keys-list');
      assert.match(listed, /laptop/);
      assert.ok(!listed.includes(secret.slice(19)), 'the listing shows no secret');
      // The key works against the local run, as a tool would use it.
      const models = await fetch(`${API}/openai/v1/models`, {headers: {Authorization: `Bearer ${secret}`}});
      assert.equal(models.status, 200);
      await screenshot(page, 'keys');
      await page.click('#keys-list li.key button.revoke');
      await page.waitForSelector('#keys-list li.key', {state: 'detached'});
      const refused = await fetch(`${API}/openai/v1/models`, {headers: {Authorization: `Bearer ${secret}`}});
      assert.equal(refused.status, 401);
      assert.equal((await api('/v1/keys', user)).body.keys.length, 0);
      assert.deepEqual(errors, []);
    } finally {
      await close();
    }
  });
});

async function pickModels(page, models) {
  for (const box of await page.locator('#compare-models input').all()) {
    await box.setChecked(models.includes(await box.getAttribute('value')));
  }
}
