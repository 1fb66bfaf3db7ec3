// API calls answered by the real Charmhub (online): the answer is passed on with Content-Type
// exactly application/json, and leaves behind the records an offline answer is composed from, so
// an online appliance can later export what its clients used. From a refresh result: the name and
// id records, the revision, its resources, and the channel it came from on the base asked for;
// from info: the name record (default track = default-release's); from a resource listing: the
// resource records. Answers themselves are never stored or replayed (instance-keys differ).
import type { KeptObject, Reply, SiteContext, SiteRequest, UpstreamReply } from '../site.js';
import { isUnknownBase, osChannel } from './bases.js';
import { blobOf } from './blobs.js';
import { nameRecord, type Ctx } from './catalog.js';
import { channelName, parseChannel } from './channel.js';
import { errorList, JSON_TYPE } from './json-reply.js';
import { rewrittenResource } from './oci.js';
import {
  channelRecordFile,
  isResourceRecord,
  isRfc3339,
  nameRecordFiles,
  RECORD_TYPE,
  resourceRecordFile,
  revisionRecordFile,
  type Base,
  type NameRecord,
  type RecordFile,
  type ResourceRecord,
  type RevisionRecord,
} from './records.js';
import { parseRefreshRequest, type RefreshAction } from './refresh-request.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Upstream's answer with exactly application/json; a non-JSON error page becomes a JSON error-list Juju can read. */
function passOn(res: UpstreamReply): Reply {
  const json = /^application\/json\b/i.test(res.headers['content-type'] ?? '');
  if (json) return { status: res.status, headers: { 'content-type': JSON_TYPE }, body: res.body };
  if (res.status >= 400) return errorList(res.status, res.status === 404 ? 'not-found' : 'api-error', `Charmhub answered ${res.status}`);
  return { status: res.status, headers: { 'content-type': res.headers['content-type'] ?? JSON_TYPE }, body: res.body };
}

function parse(res: UpstreamReply): Obj | undefined {
  if (res.status !== 200) return undefined;
  try {
    const doc: unknown = JSON.parse(res.body.toString('utf8'));
    return isObj(doc) ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps what builds; a field Juju could not decode drops that record, not the answer. */
function files(build: () => RecordFile[]): KeptObject[] {
  try {
    return build().map((f) => ({ path: f.path, bytes: f.bytes, contentType: RECORD_TYPE }));
  } catch {
    return [];
  }
}

const digests = (d: unknown) => (isObj(d) ? { size: d.size, 'hash-sha-256': d['hash-sha-256'], 'hash-sha-384': d['hash-sha-384'] } : {});

function resourceOf(r: Obj): ResourceRecord {
  const out: Obj = { name: r.name, type: r.type, revision: r.revision, filename: r.filename ?? '', description: r.description ?? '', download: digests(r.download) };
  if (isRfc3339(r['created-at'])) out['created-at'] = r['created-at'];
  return out as unknown as ResourceRecord;
}

function mergedName(have: NameRecord | undefined, doc: Obj, defaultTrack: string | undefined, result: Obj): NameRecord {
  return { type: doc.type as 'charm', id: String(doc.id), name: String(doc.name), 'default-track': defaultTrack ?? have?.['default-track'] ?? 'latest', result: { ...(have?.result ?? {}), ...result } as NameRecord['result'] };
}

async function refreshRecords(ctx: Ctx, ns: string, r: Obj, action: RefreshAction | undefined, ctxBase: Base | null | undefined): Promise<KeptObject[]> {
  const c = r.charm as Obj;
  const id = str(c.id);
  const name = str(c.name);
  if (!id || !name) return [];
  const have = await nameRecord(ctx, ns, name);
  const effective = parseChannel(str(r['effective-channel']));
  const askedTrack = action?.channel !== undefined ? parseChannel(action.channel)?.track : undefined;
  // A request that named no track got the default track: the effective channel tells which.
  const defaultTrack = askedTrack === '' && effective?.track ? effective.track : undefined;
  const result: Obj = {};
  for (const k of ['summary', 'license', 'publisher', 'description', 'title']) if (c[k] !== undefined) result[k] = c[k];
  const rec = mergedName(have, c, defaultTrack, result);
  const resources = Array.isArray(c.resources) ? c.resources.filter(isObj) : [];
  const rev: Obj = { revision: c.revision, version: c.version ?? '', bases: c.bases ?? [], download: digests(c.download), resources: resources.map((x) => ({ name: x.name, revision: x.revision })) };
  if (isRfc3339(c['created-at'])) rev['created-at'] = c['created-at'];
  for (const k of ['metadata-yaml', 'config-yaml', 'actions-yaml', 'bundle-yaml']) if (typeof c[k] === 'string') rev[k] = c[k];
  const out = [...files(() => nameRecordFiles(rec)), ...files(() => [revisionRecordFile(id, rev as unknown as RevisionRecord)])];
  for (const x of resources) out.push(...files(() => [resourceRecordFile(id, resourceOf(x))]));
  const asked = action && !isUnknownBase(action.base) ? action.base : ctxBase;
  const base = rec.type === 'bundle' ? { architecture: 'all', name: 'all', channel: 'all' } : asked && !isUnknownBase(asked) ? { ...asked, channel: osChannel(asked.channel) } : undefined;
  if (effective && base && action?.revision === undefined) {
    const ch: Obj = { revision: c.revision, resources: rev.resources };
    if (isRfc3339(r['released-at'])) ch['released-at'] = r['released-at'];
    // Charmhub sometimes drops `latest/` from the channel it names: a bare risk is on the track asked.
    const track = effective.track || askedTrack || rec['default-track'];
    out.push(...files(() => [channelRecordFile(name, base, channelName({ ...effective, track }, track), ch as never)]));
  }
  return out;
}

/** Download URLs on the group's own name (whatever host upstream named), so blobs come through the cache. */
function localise(download: unknown, base: string): void {
  if (!isObj(download) || typeof download.url !== 'string') return;
  try {
    const u = new URL(download.url);
    if (blobOf(u.pathname)) download.url = `${base}${u.pathname}`;
  } catch {
    // not a URL: left as upstream sent it
  }
}

/**
 * Under a site registry the blob route serves oci-image documents rewritten: once the document is
 * stored, upstream's digests for it are replaced by those of the bytes served. (Before its first
 * fill the upstream digests stand; the next answer corrects them.)
 */
async function ociDigests(ctx: Ctx & Pick<SiteContext, 'settings'>, ns: string, id: string, x: Obj): Promise<void> {
  if (x.type !== 'oci-image' || !ctx.settings.charmOciRegistry || !isObj(x.download)) return;
  const rec = resourceOf(x);
  if (!isResourceRecord(rec)) return;
  const rewritten = await rewrittenResource(ctx, ns, id, rec);
  if (rewritten) Object.assign(x.download, rewritten.download);
}

export async function refreshFromUpstream(req: SiteRequest, ctx: Ctx & Pick<SiteContext, 'settings'>, res: UpstreamReply): Promise<{ reply: Reply; keep?: KeptObject[] }> {
  const doc = parse(res);
  const parsed = parseRefreshRequest(req.body);
  if (!doc || !Array.isArray(doc.results) || !parsed.ok) return { reply: passOn(res) };
  const base = req.group.upstream.replace(/\/$/, '');
  const keep: KeptObject[] = [];
  for (const r of doc.results) {
    if (!isObj(r) || !isObj(r.charm)) continue;
    localise(r.charm.download, base);
    const action = parsed.request.actions.find((a) => a['instance-key'] === r['instance-key']);
    const cur = parsed.request.context.find((c) => c['instance-key'] === r['instance-key']);
    keep.push(...(await refreshRecords(ctx, req.group.namespace, r, action, cur?.base)));
    if (Array.isArray(r.charm.resources)) {
      for (const x of r.charm.resources) {
        if (!isObj(x)) continue;
        localise(x.download, base);
        if (typeof r.charm.id === 'string') await ociDigests(ctx, req.group.namespace, r.charm.id, x);
      }
    }
  }
  return { reply: { ...passOn(res), body: JSON.stringify(doc) }, keep };
}

export async function infoFromUpstream(req: SiteRequest, ctx: Ctx, res: UpstreamReply): Promise<{ reply: Reply; keep?: KeptObject[] }> {
  const doc = parse(res);
  if (!doc || !isObj(doc.result) || typeof doc.name !== 'string') return { reply: passOn(res) };
  const def = isObj(doc['default-release']) && isObj(doc['default-release'].channel) ? str(doc['default-release'].channel.track) : undefined;
  const have = await nameRecord(ctx, req.group.namespace, doc.name);
  return { reply: passOn(res), keep: files(() => nameRecordFiles(mergedName(have, doc, def, doc.result as Obj))) };
}

export async function resourcesFromUpstream(req: SiteRequest, ctx: Pick<SiteContext, 'lookup' | 'read' | 'list'>, charm: string, res: UpstreamReply): Promise<{ reply: Reply; keep?: KeptObject[] }> {
  const doc = parse(res);
  const rec = await nameRecord(ctx, req.group.namespace, charm);
  if (!doc || !rec || !Array.isArray(doc.revisions)) return { reply: passOn(res) };
  const base = req.group.upstream.replace(/\/$/, '');
  for (const r of doc.revisions) if (isObj(r)) localise(r.download, base);
  const keep = doc.revisions.filter(isObj).flatMap((r) => files(() => [resourceRecordFile(rec.id, resourceOf(r))]));
  return { reply: { ...passOn(res), body: JSON.stringify(doc) }, keep };
}

export const passOnUpstream = (res: UpstreamReply): { reply: Reply } => ({ reply: passOn(res) });
