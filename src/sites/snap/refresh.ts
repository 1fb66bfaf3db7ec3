// POST /v2/snaps/refresh composed from the cache (spec §5): one result per action, in order, each
// echoing its instance-key. install/download resolve a name (channel with fallback, or a revision
// pin) on the architecture of the request; refresh resolves the context's snap-id on its tracking
// channel and answers the current revision when nothing newer is cached (never an empty list, which
// snapd turns into "unexpectedly empty response"); unknown names are error results with `name` set.
import type { Reply, SiteContext, SiteRequest } from '../site.js';
import { requestArch } from './arch.js';
import { channelName, parseChannel } from './channel.js';
import { fetchAssertionsResult } from './fetch-assertions.js';
import { errorList, jsonReply } from './json-reply.js';
import { isRevisionRecord, readRecord, revisionPath, type NameRecord } from './records.js';
import { parseRefreshRequest, type CurrentSnap, type RefreshAction } from './refresh-request.js';
import { nameOfId, resolveName, resolveRecord, type Resolution } from './resolve.js';
import { composeSnap } from './snap-json.js';

type Ctx = Pick<SiteContext, 'lookup' | 'read' | 'list'>;

export async function refreshLocal(req: SiteRequest, ctx: Ctx): Promise<Reply> {
  const got = parseRefreshRequest(req.body);
  if (!got.ok) return errorList(400, 'invalid-request', got.problem);
  const parsed = got.request;
  const ns = req.group.namespace;
  const base = req.group.upstream;
  const arch = requestArch(req.headers);
  const results: object[] = [];
  for (const action of parsed.actions) {
    switch (action.action) {
      case 'install':
      case 'download':
        results.push(await installResult(ctx, ns, base, arch, action));
        break;
      case 'refresh': {
        const cur = parsed.context.find((c) => c['instance-key'] === action['instance-key'] || (action['snap-id'] && c['snap-id'] === action['snap-id']));
        results.push(await refreshResult(ctx, ns, base, arch, action, cur));
        break;
      }
      case 'fetch-assertions': {
        const r = await fetchAssertionsResult(ctx, ns, base, action, parsed['assertion-max-formats'] ?? {});
        if (r) results.push(r);
        break;
      }
      default:
        results.push(errorResult(action, { code: 'invalid-field', message: `unsupported action ${JSON.stringify(action.action)}` }));
    }
  }
  return jsonReply(200, { results, 'error-list': [] });
}

async function installResult(ctx: Ctx, ns: string, base: string, arch: string, action: RefreshAction): Promise<object> {
  const name = action.name ?? '';
  const r = await resolveName(ctx, ns, name, { arch, channel: action.channel, revision: action.revision });
  if (r.kind === 'found') return snapResult(action.action, action['instance-key'], r, base);
  if (r.kind === 'unknown') return errorResult(action, { code: 'name-not-found', message: `No snap named '${name}' found in series '16'.` });
  return notAvailable(action, r.name, r, arch);
}

async function refreshResult(ctx: Ctx, ns: string, base: string, arch: string, action: RefreshAction, cur: CurrentSnap | undefined): Promise<object> {
  const id = action['snap-id'] ?? cur?.['snap-id'] ?? '';
  const rec = await nameOfId(ctx, ns, id);
  if (!rec || !cur) return errorResult(action, { code: 'id-not-found', message: `No snap with id '${id}' is in this cache.` }, id);
  const switching = action.channel !== undefined;
  const r = await resolveRecord(ctx, ns, rec, { arch, channel: action.channel ?? cur['tracking-channel'], revision: action.revision });
  const older = r.kind === 'found' && r.snap.revision < cur.revision && !switching && action.revision === undefined;
  if (r.kind === 'found' && !older) return snapResult('refresh', action['instance-key'], r, base);
  // Nothing newer here: the installed revision, which snapd reads as "no update available".
  const current = await readRecord(ctx, ns, revisionPath(id, cur.revision), isRevisionRecord);
  if (current) {
    const effective = channelName(parseChannel(cur['tracking-channel']) ?? { track: '', risk: 'stable' }, rec['default-track']);
    return snapResult('refresh', action['instance-key'], { kind: 'found', name: rec, snap: current, effectiveChannel: effective }, base);
  }
  if (r.kind === 'found') return snapResult('refresh', action['instance-key'], r, base);
  return notAvailable(action, rec, r.kind === 'not-available' ? r : { kind: 'not-available', name: rec, releases: [] }, arch);
}

function snapResult(result: string, instanceKey: string, r: Extract<Resolution, { kind: 'found' }>, base: string): object {
  const out: Record<string, unknown> = { result, 'instance-key': instanceKey, 'snap-id': r.snap['snap-id'], name: r.snap.name, snap: composeSnap(r.snap, base) };
  if (r.effectiveChannel) out['effective-channel'] = r.effectiveChannel;
  return out;
}

function notAvailable(action: RefreshAction, rec: NameRecord, r: Extract<Resolution, { kind: 'not-available' }>, arch: string): object {
  const wanted = action.revision !== undefined ? `revision ${action.revision}` : `channel ${channelName(parseChannel(action.channel) ?? { track: '', risk: 'stable' }, rec['default-track'])}`;
  return errorResult(action, { code: 'revision-not-found', message: `No revision of '${rec.name}' for ${wanted} on ${arch} is in this cache.`, extra: { releases: r.releases } }, rec['snap-id'], rec.name);
}

function errorResult(action: RefreshAction, error: { code: string; message: string; extra?: object }, id?: string, name?: string): object {
  return { result: 'error', 'instance-key': action['instance-key'], 'snap-id': id ?? action['snap-id'] ?? null, name: name ?? action.name ?? '', error: { extra: { releases: [] }, ...error } };
}
