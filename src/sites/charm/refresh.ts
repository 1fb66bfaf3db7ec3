// POST /v2/charms/refresh composed from the cache (spec charmhub.md §3.3): exactly one result per
// action, echoing its instance-key. install and download find the charm by name or id, then by
// revision or by channel on a base (resolve.ts); refresh joins its context entry by instance-key
// and answers the head of the tracking channel for the installed base, or the installed revision
// when that channel has nothing here, always as a `refresh` result. A metrics-only request
// (no actions) gets 200 {"results":[]}. Per-action problems are error results, not HTTP errors.
import type { Reply, SiteContext, SiteRequest } from '../site.js';
import { isUnknownBase } from './bases.js';
import { nameOfId, nameRecord, type Ctx } from './catalog.js';
import { channelName, parseChannel } from './channel.js';
import { composeEntity } from './compose.js';
import { errorList, jsonReply } from './json-reply.js';
import { readRecord } from './read-record.js';
import { isRevisionRecord, revisionPath, type NameRecord } from './records.js';
import { parseRefreshRequest, type ContextEntry, type RefreshAction } from './refresh-request.js';
import { resolve, type Resolution, type Want } from './resolve.js';

type Full = Ctx & Pick<SiteContext, 'settings'>;

export async function refreshLocal(req: SiteRequest, ctx: Full): Promise<Reply> {
  const got = parseRefreshRequest(req.body);
  if (!got.ok) return errorList(400, 'bad-argument', got.problem);
  const results: object[] = [];
  for (const action of got.request.actions) {
    const cur = got.request.context.find((c) => c['instance-key'] === action['instance-key']);
    results.push(await actionResult(req, ctx, action, cur));
  }
  return jsonReply(200, { 'error-list': [], results });
}

async function actionResult(req: SiteRequest, ctx: Full, action: RefreshAction, cur: ContextEntry | undefined): Promise<object> {
  const ns = req.group.namespace;
  if (action.action !== 'install' && action.action !== 'download' && action.action !== 'refresh') {
    return errorResult(action, 'bad-argument', `Unknown action ${JSON.stringify(action.action)}.`);
  }
  const id = action.id ?? (action.action === 'refresh' ? cur?.id : undefined);
  const name = id !== undefined ? await nameOfId(ctx, ns, id) : action.name !== undefined ? await nameRecord(ctx, ns, action.name) : undefined;
  if (!name) {
    if (id !== undefined) return errorResult(action, 'id-not-found', `No charm or bundle with id ${JSON.stringify(id)} is in this cache.`);
    return errorResult(action, 'name-not-found', `No charm or bundle named ${JSON.stringify(action.name ?? '')} is in this cache.`);
  }
  if (action.action !== 'refresh') return answer(req, ctx, action, name, await resolve(ctx, ns, name, want(action, action.base)));
  if (!cur) return errorResult(action, 'missing-context', `No context entry has instance-key ${JSON.stringify(action['instance-key'])}.`, name);
  if (name.type === 'bundle') return errorResult(action, 'refresh-bundle-not-supported', 'Bundles cannot be refreshed by id.', name);
  const base = isUnknownBase(action.base) ? cur.base : action.base;
  const r = await resolve(ctx, ns, name, want({ ...action, channel: action.channel ?? cur['tracking-channel'] }, base));
  if (r.kind === 'found' || action.revision !== undefined) return answer(req, ctx, action, name, r);
  // Nothing for that channel and base here: the installed revision, "no update available".
  const installed = await readRecord(ctx, ns, revisionPath(name.id, cur.revision), isRevisionRecord);
  if (!installed) return answer(req, ctx, action, name, r);
  const effective = channelName(parseChannel(cur['tracking-channel']) ?? { track: '', risk: 'stable' }, name['default-track']);
  return answer(req, ctx, action, name, { kind: 'found', rev: installed, resources: installed.resources, effectiveChannel: effective });
}

function want(action: RefreshAction, base: RefreshAction['base']): Want {
  return { channel: action.channel, revision: action.revision, base, resourceRevisions: action['resource-revisions'] };
}

async function answer(req: SiteRequest, ctx: Full, action: RefreshAction, name: NameRecord, r: Resolution): Promise<object> {
  if (r.kind === 'error') return errorResult(action, r.code, r.message, name, r.extra);
  const out: Record<string, unknown> = { result: action.action, 'instance-key': action['instance-key'], id: name.id, name: name.name };
  if (r.effectiveChannel) out['effective-channel'] = r.effectiveChannel;
  if (r.releasedAt) out['released-at'] = r.releasedAt;
  out.charm = await composeEntity(ctx, req.group.namespace, req.group.upstream.replace(/\/$/, ''), name, r.rev, r.resources);
  return out;
}

function errorResult(action: RefreshAction, code: string, message: string, name?: NameRecord, extra: Record<string, unknown> = {}): object {
  const out: Record<string, unknown> = { result: 'error', 'instance-key': action['instance-key'], error: { code, message, extra } };
  const id = name?.id ?? action.id;
  const n = name?.name ?? action.name;
  if (id !== undefined) out.id = id;
  if (n !== undefined) out.name = n;
  return out;
}
