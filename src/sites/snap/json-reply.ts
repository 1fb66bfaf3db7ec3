// The store's own answer shapes: JSON with an exact Content-Type (snapd checks it for find and
// the catalog, spec §4), and the v2 error list for anything not here. Never a 5xx for "not
// cached": snapd retries 5xx for ~40 s (spec §2).
import type { Reply } from '../site.js';

export const JSON_TYPE = 'application/json';
export const HAL_JSON_TYPE = 'application/hal+json';
export const ASSERTION_TYPE = 'application/x.ubuntu.assertion';

export function jsonReply(status: number, doc: unknown, contentType = JSON_TYPE): Reply {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(doc) };
}

export function errorList(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Reply {
  return jsonReply(status, { 'error-list': [{ code, message, ...extra }] });
}

export function notFoundReply(what: string): Reply {
  return errorList(404, 'not-found', `${what} is not in this cache`);
}
