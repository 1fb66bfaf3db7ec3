// GET /v2/assertions/TYPE/KEY…?max-format=N (spec §8.1): the stored assertion byte for byte as
// application/x.ubuntu.assertion, unless its format is newer than the client reads; anything else
// is the store's 404 JSON error list. Online, upstream's answer is passed on and a valid assertion
// in it is kept, unless the cache already holds a newer revision of it.
import type { KeptObject, Reply, SiteContext, UpstreamReply } from '../site.js';
import { decodeAssertion, type Assertion } from './assertion.js';
import { ASSERTION_TYPE, errorList, notFoundReply } from './json-reply.js';
import { assertionPath } from './primary-key.js';

type Ctx = Pick<SiteContext, 'lookup' | 'read'>;

export function maxFormat(query: URLSearchParams): number {
  const v = query.get('max-format');
  return v !== null && /^\d{1,6}$/.test(v) ? Number(v) : Number.MAX_SAFE_INTEGER;
}

async function stored(ctx: Ctx, ns: string, path: string): Promise<Assertion | undefined> {
  const meta = ctx.lookup(ns, path);
  if (!meta) return undefined;
  try {
    return decodeAssertion(await ctx.read(meta));
  } catch {
    return undefined;
  }
}

export async function assertionLocal(ctx: Ctx, ns: string, path: string, query: URLSearchParams): Promise<Reply> {
  const a = await stored(ctx, ns, path);
  if (!a || a.format > maxFormat(query)) return notFoundReply(path.slice('/v2/assertions/'.length).replace('/', ' '));
  return { status: 200, headers: { 'content-type': ASSERTION_TYPE }, body: a.encoded };
}

export async function assertionFromUpstream(ctx: Ctx, ns: string, path: string, res: UpstreamReply): Promise<{ reply: Reply; keep?: KeptObject[] }> {
  if (res.status !== 200) {
    const json = (res.headers['content-type'] ?? '').includes('json');
    return { reply: json ? { status: res.status, headers: { 'content-type': res.headers['content-type']! }, body: res.body } : errorList(res.status, 'not-found', `upstream answered ${res.status}`) };
  }
  let a: Assertion;
  try {
    a = decodeAssertion(res.body);
  } catch (err) {
    return { reply: errorList(404, 'not-found', `upstream sent no assertion: ${(err as Error).message}`) };
  }
  const reply: Reply = { status: 200, headers: { 'content-type': ASSERTION_TYPE }, body: a.encoded };
  if (assertionPath(a) !== path) return { reply };
  const have = await stored(ctx, ns, path);
  if (have && have.revision >= a.revision) return { reply };
  return { reply, keep: [{ path, bytes: a.encoded, contentType: ASSERTION_TYPE }] };
}
