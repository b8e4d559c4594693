// Where the page talks to, and how: Parley's public HTTP API and its WebSocket API, nothing else
// (plus the documents bucket for uploads). Same origin by default (the local run serves this page);
// the Connection panel, or ?api=...&ws=...&upload=... in the URL, points it elsewhere.

const STORAGE_KEY = 'parley.playground';
const URL_SETTINGS = ['api', 'ws', 'upload', 'user'];

export const settings = loadSettings();

function loadSettings() {
  let stored = {};
  try {
    stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || '{}') || {};
  } catch {
    stored = {};
  }
  // A token is never read from the URL: it would end up in history and logs.
  const params = new URLSearchParams(location.search);
  for (const name of URL_SETTINGS) {
    if (params.has(name)) stored[name] = params.get(name);
  }
  return stored;
}

export function saveSettings(values) {
  Object.assign(settings, values);
  if ('token' in values) {
    // A token is bound to the addresses it was saved for: a link that points the page elsewhere
    // (?api=, ?ws=) must not carry it there.
    settings.tokenFor = values.token ? {api: apiBase(), ws: webSocketUrl()} : undefined;
  }
  localStorage.setItem(STORAGE_KEY, JSON.stringify(settings));
}

/** The saved token, only while the page talks to the API and WebSocket it was saved for. */
export function token() {
  const bound = settings.tokenFor;
  return settings.token && bound && bound.api === apiBase() && bound.ws === webSocketUrl() ? settings.token : '';
}

export function apiBase() {
  return (settings.api || location.origin).replace(/\/+$/, '');
}

export function webSocketUrl() {
  if (settings.ws) return settings.ws;
  const url = new URL(apiBase());
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = url.pathname.replace(/\/+$/, '') + '/ws';
  return url.toString();
}

/** The documents bucket, path-style: the local run's S3 (S3Proxy on port 9090) unless set. */
export function uploadBase() {
  return (settings.upload || `${location.protocol}//${location.hostname}:9090/parley-documents`).replace(/\/+$/, '');
}

/** Who the caller is as far as the page knows: the user box locally; `anonymous` without one. */
export function owner() {
  return settings.user || 'anonymous';
}

export class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

function identityHeaders() {
  // A token (AuthMode=JWT) wins; X-Local-User is read by the local gateway only, and a deployed
  // API's CORS configuration does not allow it, so it is sent only without a token.
  if (token()) return {Authorization: `Bearer ${token()}`};
  if (settings.user) return {'X-Local-User': settings.user};
  return {};
}

/** One API call; resolves to the JSON body, rejects with an ApiError carrying Parley's error code. */
export async function call(method, path, body) {
  const headers = identityHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(apiBase() + path, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('network_error', `cannot reach ${apiBase()} (${e.message})`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const error = data && data.error ? data.error
      : {code: `http_${response.status}`, message: text.slice(0, 300) || response.statusText};
    throw new ApiError(error.code, error.message, response.status);
  }
  return data;
}

/**
 * One streamed chat turn over the WebSocket API: sends the chat action and hands every frame
 * (start, reasoning, delta, end, error) to onFrame; resolves when the turn ends either way.
 */
export function streamChat(request, onFrame) {
  const url = new URL(webSocketUrl());
  // Browsers cannot set headers on a WebSocket: the token (or local user) travels in the query.
  if (token()) url.searchParams.set('token', token());
  else if (settings.user) url.searchParams.set('user', settings.user);
  return new Promise((resolve) => {
    let finished = false;
    const socket = new WebSocket(url);
    const finish = (frame) => {
      if (finished) return;
      finished = true;
      if (frame) onFrame(frame);
      socket.close();
      resolve();
    };
    socket.addEventListener('open', () => socket.send(JSON.stringify({action: 'chat', ...request})));
    socket.addEventListener('message', (event) => {
      let frame;
      try {
        frame = JSON.parse(event.data);
      } catch {
        return;
      }
      if (frame.type === 'end' || frame.type === 'error') finish(frame);
      else onFrame(frame);
    });
    socket.addEventListener('error', () => finish({type: 'error',
      error: {code: 'websocket_error', message: `the WebSocket ${webSocketUrl()} failed`}}));
    socket.addEventListener('close', (event) => finish({type: 'error',
      error: {code: 'websocket_closed', message: `the WebSocket closed before the turn ended (${event.code})`}}));
  });
}

/** PUT a file into the documents bucket under uploads/{owner}/; resolves to the object key. */
export async function upload(file) {
  const key = `uploads/${owner()}/${file.name}`;
  const url = `${uploadBase()}/${key.split('/').map(encodeURIComponent).join('/')}`;
  let response;
  try {
    response = await fetch(url, {method: 'PUT', body: file, headers: {'Content-Type': file.type || 'text/plain'}});
  } catch (e) {
    throw new ApiError('upload_failed', `cannot reach the documents bucket at ${uploadBase()} (${e.message})`);
  }
  if (!response.ok) {
    throw new ApiError('upload_failed', `the bucket answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
  }
  return key;
}
