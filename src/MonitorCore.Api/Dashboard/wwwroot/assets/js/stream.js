// The live event stream (GET /api/events, server-sent events). Without an API key the browser's EventSource
// reads it (it reconnects with Last-Event-ID by itself); EventSource cannot send a header, so with a key a
// small fetch-based reader does the same: it parses the stream and resumes after the last id it saw.

import { currentKey } from './key.js';

export const eventTypes = [
  'run_recorded', 'cycle_completed', 'alert_raised', 'alert_escalated', 'alert_resolved', 'alert_acknowledged',
  'snooze_changed', 'notification_sent', 'notification_failed', 'settings_changed',
];

const url = '/api/events';

/**
 * Opens the stream. handlers: onOpen() when connected (again), onEvent({id, type, at, data}),
 * onLost(reconnecting) when it drops: reconnecting says whether it is trying again by itself.
 * Returns { close() }.
 */
export function openEventStream(handlers) {
  return currentKey() ? fetchStream(handlers, currentKey()) : eventSource(handlers);
}

function parse(text, type) {
  try {
    const event = JSON.parse(text);
    return { id: event.id, type: event.type ?? type, at: event.at, data: event.data ?? {} };
  } catch {
    return { id: null, type, at: null, data: {} };
  }
}

function eventSource({ onOpen, onEvent, onLost }) {
  const source = new EventSource(url);
  source.addEventListener('open', () => onOpen());
  source.addEventListener('error', () => onLost(source.readyState !== EventSource.CLOSED));
  for (const type of eventTypes) {
    source.addEventListener(type, message => onEvent(parse(message.data, type)));
  }
  return { close: () => source.close() };
}

function fetchStream({ onOpen, onEvent, onLost }, key) {
  const stop = new AbortController();
  let lastId = null;
  let retryMs = 2000;

  const connect = async () => {
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${key}` };
    if (lastId !== null) headers['Last-Event-ID'] = String(lastId);
    try {
      const response = await fetch(url, { headers, signal: stop.signal, cache: 'no-store' });
      const type = response.headers.get('Content-Type') ?? '';
      if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
        onLost(false); // like EventSource: a refusal is not retried by the stream itself
        return;
      }
      onOpen();
      await read(response.body, event => onEvent(event), id => { lastId = id; }, ms => { retryMs = ms; });
    } catch (error) {
      if (stop.signal.aborted) return;
    }
    if (stop.signal.aborted) return;
    onLost(true);
    setTimeout(() => { if (!stop.signal.aborted) connect(); }, retryMs);
  };

  connect();
  return { close: () => stop.abort() };
}

/** Reads server-sent events from a byte stream (the WHATWG event-stream format). */
export async function read(body, dispatch, setId, setRetry) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let type = '';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop();
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) dispatch(parse(data.join('\n'), type || 'message'));
        type = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment: keep-alive
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let content = colon < 0 ? '' : line.slice(colon + 1);
      if (content.startsWith(' ')) content = content.slice(1);
      if (field === 'event') type = content;
      else if (field === 'data') data.push(content);
      else if (field === 'id' && !content.includes('\0')) setId(content);
      else if (field === 'retry' && /^\d+$/.test(content)) setRetry(Number(content));
    }
  }
}
