// POST /v2/snaps/refresh answered by the real store (online): results are passed on with every
// download URL on api.snapcraft.io, no deltas and no media; each snap result also leaves behind
// the records an offline answer is composed from (its revision, the channel it came from on this
// architecture, the snap's name record). The answer itself is never stored or replayed.
import type { KeptObject, Reply, SiteContext, SiteRequest, UpstreamReply } from '../site.js';
import { requestArch } from './arch.js';
import { channelName, parseChannel } from './channel.js';
import { JSON_TYPE } from './json-reply.js';
import { channelPath, isNameRecord, isRevisionRecord, namePath, readRecord, RECORD_TYPE, recordBytes, revisionPath, type Json, type JsonObject } from './records.js';
import { parseRefreshRequest } from './refresh-request.js';
import { isObject, localiseSnap } from './snap-json.js';
import { answerHeaders } from './upstream-call.js';

const snapLevel = ['title', 'summary', 'description', 'publisher', 'license', 'website', 'contact', 'store-url', 'links', 'common-ids'];

export async function refreshFromUpstream(req: SiteRequest, ctx: Pick<SiteContext, 'lookup' | 'read'>, res: UpstreamReply): Promise<{ reply: Reply; keep?: KeptObject[] }> {
  let doc: Json;
  try {
    doc = JSON.parse(res.body.toString('utf8')) as Json;
  } catch {
    return { reply: { status: res.status, headers: answerHeaders(res.headers, res.headers['content-type'] ?? JSON_TYPE), body: res.body } };
  }
  if (res.status !== 200 || !isObject(doc) || !Array.isArray(doc.results)) {
    return { reply: { status: res.status, headers: answerHeaders(res.headers, JSON_TYPE), body: res.body } };
  }
  const base = req.group.upstream;
  const request = parseRefreshRequest(req.body);
  const actions = request.ok ? request.request.actions : [];
  const arch = requestArch(req.headers);
  const keep: KeptObject[] = [];
  const results = [];
  for (const r of doc.results) {
    if (!isObject(r) || !isObject(r.snap)) {
      results.push(r);
      continue;
    }
    results.push({ ...r, snap: localiseSnap(r.snap, base) });
    const action = actions.find((a) => a['instance-key'] === r['instance-key']);
    keep.push(...(await recordsOf(ctx, req.group.namespace, r.snap, r['effective-channel'], arch, action?.channel)));
  }
  return { reply: { status: 200, headers: answerHeaders(res.headers, JSON_TYPE), body: JSON.stringify({ ...doc, results }) }, keep };
}

async function recordsOf(ctx: Pick<SiteContext, 'lookup' | 'read'>, ns: string, snap: JsonObject, effective: Json | undefined, arch: string, asked: string | undefined): Promise<KeptObject[]> {
  const dl = isObject(snap.download) ? snap.download : {};
  const revision: JsonObject = { ...snap, download: { size: dl.size ?? null, 'sha3-384': dl['sha3-384'] ?? null } };
  delete revision.media;
  if (!isRevisionRecord(revision)) return [];
  const out: KeptObject[] = [{ path: revisionPath(revision['snap-id'], revision.revision), bytes: recordBytes(revision), contentType: RECORD_TYPE }];
  const have = await readRecord(ctx, ns, namePath(revision.name), isNameRecord);
  const eff = typeof effective === 'string' ? parseChannel(effective) : undefined;
  const askedTrack = parseChannel(asked)?.track;
  // A request that named no track got the default track: that is where the store tells it.
  const defaultTrack = eff && eff.track && askedTrack === '' ? eff.track : (have?.['default-track'] ?? 'latest');
  const info: JsonObject = {};
  for (const k of snapLevel) if (snap[k] !== undefined) info[k] = snap[k]!;
  out.push({ path: namePath(revision.name), bytes: recordBytes({ name: revision.name, 'snap-id': revision['snap-id'], 'default-track': defaultTrack, snap: info }), contentType: RECORD_TYPE });
  if (eff) {
    const ch = channelName(eff, defaultTrack);
    out.push({ path: channelPath(revision.name, arch, ch), bytes: recordBytes({ revision: revision.revision, 'released-at': new Date().toISOString() }), contentType: RECORD_TYPE });
  }
  return out;
}
