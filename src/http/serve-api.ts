// An API answer (sites/site.ts ApiAnswer): the policy says whether upstream is asked. Offline the
// site composes it from the store; online upstream is asked first, within a deadline, and what the
// site keeps of its answer is committed before the client hears it. Upstream failing or answering
// 5xx falls back to the composed answer: a client never sees an upstream 5xx for what is cached.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import type { ApiAnswer, SiteRequest } from '../sites/site.js';
import { putBytes } from '../store/put-bytes.js';
import type { Store } from '../store/store.js';
import type { ApiCaller } from '../upstream/api-call.js';
import { decideApi, type Mode } from '../upstream/policy.js';
import { sendReply } from './send.js';

export interface ApiContext {
  mode: Mode;
  store: Store;
  /** How upstream is asked; absent, every API answer is composed locally. */
  apiCall?: ApiCaller | undefined;
  log: Logger;
}

export async function serveApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, sreq: SiteRequest, answer: ApiAnswer): Promise<{ status: number; bytes: number; cache: 'fill' | 'none' }> {
  const head = req.method === 'HEAD';
  const decision = decideApi(ctx.mode, sreq.group, answer.upstream.path, answer.upstream.query);
  if (decision.action === 'upstream' && ctx.apiCall) {
    const up = answer.upstream;
    const got = await ctx.apiCall({ method: up.method, url: decision.url, headers: up.headers, body: up.body }).catch((err: unknown) => {
      ctx.log.warn({ url: decision.url, err: (err as Error).message }, 'upstream API call failed; answering from the cache');
      return undefined;
    });
    if (got && got.status < 500) {
      const { reply, keep } = await answer.fromUpstream(got);
      if (keep && keep.length > 0) {
        await putBytes(ctx.store, keep.map((k) => ({ ns: sreq.group.namespace, path: k.path, bytes: k.bytes, contentType: k.contentType, source: 'fill' })));
      }
      return { status: reply.status, bytes: sendReply(res, reply, head), cache: 'fill' };
    }
    if (got) ctx.log.warn({ url: decision.url, status: got.status }, 'upstream API answered 5xx; answering from the cache');
  }
  const reply = await answer.local();
  return { status: reply.status, bytes: sendReply(res, reply, head), cache: 'none' };
}
