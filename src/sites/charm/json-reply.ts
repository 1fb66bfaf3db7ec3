// Charmhub's answer shapes. Juju's Go client checks that the Content-Type of every 4xx is exactly
// `application/json` (spec charmhub.md §2), so no charset is ever added; "not here" is a 404 with
// an error-list, never a 5xx (Juju retries those for ~30 s).
import type { Reply } from '../site.js';

export const JSON_TYPE = 'application/json';

export function jsonReply(status: number, doc: unknown): Reply {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(doc) };
}

export function errorList(status: number, code: string, message: string): Reply {
  return jsonReply(status, { 'error-list': [{ code, message }] });
}

export function notFoundReply(what: string): Reply {
  return errorList(404, 'not-found', `${what} is not in this cache`);
}
