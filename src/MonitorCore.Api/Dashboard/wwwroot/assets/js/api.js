// The public HTTP API, and nothing else: every read and change of the page goes through here.

import { askForKey, currentKey } from './key.js';

/** A refusal from the API: its problem details (title, detail, and the field at fault when there is one). */
export class ApiProblem extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.title = problem?.title ?? `HTTP ${status}`;
    this.detail = problem?.detail ?? this.message;
    this.field = problem?.field ?? null;
  }
}

/** The server could not be reached at all. */
export class Unreachable extends Error {}

export function authHeaders() {
  const key = currentKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

async function request(method, path, body) {
  for (let attempt = 0; ; attempt++) {
    const sentKey = currentKey();
    const headers = { Accept: 'application/json', ...authHeaders() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
    } catch (error) {
      throw new Unreachable(`Monitor Core cannot be reached (${error.message}).`);
    }

    if (response.status === 401 && attempt < 5) {
      // A refusal of a key that has been replaced meanwhile (a request still in flight when the person entered a new
      // one) says nothing about the new key: try again with it instead of asking, or the new key would be thrown away.
      if (currentKey() === sentKey) await askForKey(sentKey !== null);
      continue;
    }

    const text = await response.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { title: `HTTP ${response.status}`, detail: text.slice(0, 300) };
    }
    if (!response.ok) throw new ApiProblem(response.status, json);
    return json;
  }
}

export const api = {
  get: path => request('GET', path),
  post: (path, body) => request('POST', path, body ?? {}),
  put: (path, body) => request('PUT', path, body),
  del: path => request('DELETE', path),
};

/** Builds a query string from the values that are set. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
