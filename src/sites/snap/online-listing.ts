// Info and find answered by the real store (online): passed on with download URLs on
// api.snapcraft.io and no media (spec §7.5), JSON with the exact Content-Type snapd checks.
// Nothing is kept: an offline info or find is composed from the seeded records instead.
import type { Reply, UpstreamReply } from '../site.js';
import { JSON_TYPE } from './json-reply.js';
import type { Json, JsonObject } from './records.js';
import { isObject, localiseSnap } from './snap-json.js';
import { answerHeaders } from './upstream-call.js';

export function listingFromUpstream(res: UpstreamReply, base: string, snapId: string | undefined): { reply: Reply } {
  let doc: Json;
  try {
    doc = JSON.parse(res.body.toString('utf8')) as Json;
  } catch {
    return { reply: { status: res.status, headers: answerHeaders(res.headers, res.headers['content-type'] ?? JSON_TYPE), body: res.body } };
  }
  return { reply: { status: res.status, headers: answerHeaders(res.headers, JSON_TYPE), body: JSON.stringify(localise(doc, base, snapId)) } };
}

/** Every snap-like object below `doc` localised; `snapId` is the id of an info answer's entries. */
function localise(doc: Json, base: string, snapId: string | undefined): Json {
  if (Array.isArray(doc)) return doc.map((d) => localise(d, base, snapId));
  if (!isObject(doc)) return doc;
  const id = typeof doc['snap-id'] === 'string' ? doc['snap-id'] : snapId;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(doc)) out[k] = k === 'media' ? [] : localise(v, base, id);
  return isObject(out.download) && typeof out.revision === 'number' && id ? localiseSnap({ ...out, 'snap-id': id }, base) : out;
}
