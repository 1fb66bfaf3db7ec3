// One request's path: front door -> host group -> site -> store (hit: stream it; miss: the policy
// decides between the site's "not here" and one shared upstream fill).
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostMatcher } from '../config/host-groups.js';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import { sites } from '../sites/registry.js';
import { defaultSiteSettings, type ObjectAnswer, type Reply, type Site, type SiteContext, type SiteRequest, type SiteSettings } from '../sites/site.js';
import type { Store } from '../store/store.js';
import type { ObjectMeta } from '../store/types.js';
import type { ApiCaller } from '../upstream/api-call.js';
import type { Fills } from '../upstream/fill.js';
import { decideMiss, type Mode } from '../upstream/policy.js';
import { readRequestBody } from './request-body.js';
import { parseRequestTarget, type RequestTarget } from './request-target.js';
import { errorReply, sendReply } from './send.js';
import { serveApi } from './serve-api.js';
import { serveFill } from './serve-fill.js';
import { serveStored } from './serve-stored.js';

export interface HandlerContext {
  mode: Mode;
  matcher: HostMatcher;
  store: Store;
  fills: Fills;
  readBufferBytes: number;
  log: Logger;
  /** Requests the appliance answers itself on every configured host (`/airgap-cache/…`). */
  ownPaths?: (path: string) => Reply | undefined;
  /** Per-site settings sites read while they decide (apt.metadataMaxAgeSeconds, …). */
  siteSettings?: SiteSettings;
  /** How sites' API calls reach upstream where the policy allows it (online). */
  apiCall?: ApiCaller;
}

export type CacheResult = 'hit' | 'miss' | 'fill' | 'offline-miss' | 'refused' | 'none';

export interface RequestSummary {
  status: number;
  bytes: number;
  cache: CacheResult;
  group: string | undefined;
}

/** What `onDone` hears: the summary plus who asked for what, and how long it took. */
export interface RequestRecord extends RequestSummary {
  method: string;
  /** The client's address (for a CONNECT tunnel, the tunnel's client). */
  client: string | undefined;
  /** Host, decoded path and raw query, when the request target could be parsed. */
  host: string | undefined;
  path: string | undefined;
  query: string | undefined;
  ms: number;
}

let nextId = 0;

export function createRequestHandler(ctx: HandlerContext, onDone?: (s: RequestRecord) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    const reqId = (++nextId).toString(36);
    const seen: { target?: RequestTarget } = {};
    handle(ctx, req, res, seen).then(
      (s) => finish(s),
      (err: unknown) => {
        const summary: RequestSummary = { status: 0, bytes: 0, cache: 'none', group: undefined };
        if (!req.complete && req.destroyed) {
          // The client's request body broke off (bad chunking, a hang-up): node has answered 400
          // and closed; the client's fault, not a server error for logs and metrics.
          summary.status = 400;
          ctx.log.debug({ reqId, err: (err as Error).message }, 'request body broken off');
          finish(summary);
          return;
        }
        if (!res.headersSent) {
          const reply = errorReply(err);
          summary.status = reply.status;
          sendReply(res, reply, req.method === 'HEAD');
        } else {
          res.destroy(err as Error);
        }
        const level = err instanceof AgcError && err.status < 500 ? 'debug' : 'warn';
        ctx.log[level]({ reqId, err: (err as Error).message, code: (err as AgcError).code }, 'request failed');
        finish(summary);
      },
    );
    function finish(s: RequestSummary): void {
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const client = req.socket.remoteAddress;
      // The line's object is only built when it will be written: at warn, a hit allocates nothing for it.
      if (ctx.log.isLevelEnabled('info')) ctx.log.info({ reqId, client, method: req.method, host: req.headers.host, url: req.url, group: s.group, status: s.status, bytes: s.bytes, cache: s.cache, ms }, 'request');
      const t = seen.target;
      // One literal of one shape, not a spread: this runs once per request.
      onDone?.({ status: s.status, bytes: s.bytes, cache: s.cache, group: s.group, method: req.method ?? 'GET', client, host: t?.host, path: t?.path, query: t?.query, ms });
    }
  };
}

async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, seen: { target?: RequestTarget }): Promise<RequestSummary> {
  const target = parseRequestTarget(req.url ?? '', req.headers.host);
  seen.target = target;
  const group = ctx.matcher.match(target.host);
  const head = req.method === 'HEAD';
  if (!group) {
    // Machines not yet using the appliance's DNS fetch its CA by address: http://10.0.0.5/airgap-cache/ca.crt.
    const own = target.absolute ? undefined : ctx.ownPaths?.(target.path);
    if (own) return { status: own.status, bytes: sendReply(res, own, head), cache: 'none', group: undefined };
    const status = target.absolute ? 403 : 421;
    const bytes = sendReply(res, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-airgap-cache-error': 'AGC_ERR_HOST_REFUSED' },
      body: `airgap-cache does not serve ${target.host}\n`,
    });
    return { status, bytes, cache: 'refused', group: undefined };
  }
  const own = ctx.ownPaths?.(target.path);
  if (own) return { status: own.status, bytes: sendReply(res, own, head), cache: 'none', group: group.name };
  const site = sites[group.site];
  const sreq: SiteRequest = { method: req.method ?? 'GET', host: target.host, group, path: target.path, query: target.query, headers: req.headers };
  const body = await readRequestBody(req);
  if (body) sreq.body = body;
  const answer = await site.answer(sreq, siteContext(ctx.store, ctx.siteSettings ?? defaultSiteSettings));
  if (answer.kind === 'reply') return { status: answer.status, bytes: sendReply(res, answer, head), cache: 'none', group: group.name };
  if (answer.kind === 'api') return { ...(await serveApi(ctx, req, res, sreq, answer)), group: group.name };
  const summary = await serveObject(ctx, req, res, site, sreq, answer);
  return { ...summary, group: group.name };
}

function siteContext(store: Store, settings: SiteSettings): SiteContext {
  return {
    settings,
    lookup: (ns, path) => store.lookup(ns, path),
    list: (ns, prefix) => store.list(ns, prefix),
    read: async (meta) => store.cachedBytes(meta) ?? (await store.loadSmall(meta)) ?? (await readFile(store.blobPath(meta.sha256))),
  };
}

async function serveObject(
  ctx: HandlerContext,
  req: IncomingMessage,
  res: ServerResponse,
  site: Site,
  sreq: SiteRequest,
  answer: ObjectAnswer,
): Promise<Omit<RequestSummary, 'group'>> {
  const stored = ctx.store.lookup(answer.ns, answer.path);
  // Bytes the site no longer vouches for (an index of an older snapshot) are never served.
  const meta = stored && answer.expectedSha256 !== undefined && stored.sha256 !== answer.expectedSha256 ? undefined : stored;
  const hit = async (m: ObjectMeta): Promise<Omit<RequestSummary, 'group'>> => ({ ...(await serveStored(req, res, m, ctx.store, ctx.readBufferBytes)), cache: 'hit' });
  if (meta && !isStale(meta, answer)) return hit(meta);
  const decision = decideMiss(ctx.mode, sreq.group, answer.upstreamPath ?? answer.path);
  if (decision.action === 'not-found') {
    if (meta) return hit(meta);
    const reply = site.notFound(sreq);
    return { status: reply.status, bytes: sendReply(res, reply, req.method === 'HEAD'), cache: 'offline-miss' };
  }
  const fill = ctx.fills.fill({ ns: answer.ns, path: answer.path, url: decision.url, expectedSize: answer.expectedSize, expectedSha256: answer.expectedSha256, expectedDigests: answer.expectedDigests, aliases: answer.aliases });
  // A revalidation that fails keeps serving what is stored; a plain miss reports the failure.
  const head = meta ? await fill.head.catch(() => undefined) : await fill.head;
  if (meta && head?.kind !== 'found') return hit(meta);
  if (!head || head.kind === 'absent') {
    const reply = site.notFound(sreq);
    return { status: reply.status, bytes: sendReply(res, reply, req.method === 'HEAD'), cache: 'miss' };
  }
  const r = await serveFill(req, res, fill, head, ctx.store.dataDir, ctx.readBufferBytes);
  return { ...r, cache: 'fill' };
}

function isStale(meta: ObjectMeta, answer: ObjectAnswer): boolean {
  return answer.revalidateAfterMs !== undefined && Date.now() - (meta.fetchedAt ?? meta.storedAt) > answer.revalidateAfterMs;
}
