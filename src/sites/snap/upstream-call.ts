// What an online appliance passes to the real store for a client's API call: the request's
// method, path, query and body, and only the headers the store reads (spec §4): device and
// architecture, auth, refresh reasons, content negotiation. Delta formats are not passed on,
// because the cache serves whole snaps only.
import type { ApiAnswer, SiteRequest } from '../site.js';

const passOn = /^(user-agent|accept|content-type|authorization|snap-device-[a-z-]+|snap-classic|snap-refresh-reason|snap-refresh-managed|snap-client-user-agent|x-ubuntu-[a-z-]+|x-device-authorization)$/;

export function upstreamCall(req: SiteRequest): ApiAnswer['upstream'] {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined || !passOn.test(k)) continue;
    headers[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return { method: req.method, path: req.path, query: req.query, headers, body: req.body };
}

/** Upstream response headers worth passing back to snapd with a JSON answer. */
export function answerHeaders(upstream: Record<string, string>, contentType: string): Record<string, string> {
  const out: Record<string, string> = { 'content-type': contentType };
  for (const k of ['snap-store-version', 'x-suggested-currency', 'www-authenticate', 'x-oops-id']) if (upstream[k] !== undefined) out[k] = upstream[k];
  return out;
}
