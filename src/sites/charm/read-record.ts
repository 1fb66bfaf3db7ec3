// Reading the site's records (records.ts) from a store view: parsed once per stored digest, and
// anything that does not pass its record check is treated as absent.
import { LRUCache } from 'lru-cache';
import type { ObjectMeta } from '../../store/types.js';
import type { SiteContext } from '../site.js';

type Reader = Pick<SiteContext, 'read' | 'lookup'>;
const parsed = new LRUCache<string, { doc: unknown }>({ max: 4096 });

export async function readListed<T>(ctx: Pick<SiteContext, 'read'>, meta: ObjectMeta, is: (v: unknown) => v is T): Promise<T | undefined> {
  let doc: unknown;
  const hit = parsed.get(meta.sha256);
  if (hit) doc = hit.doc;
  else {
    try {
      doc = JSON.parse((await ctx.read(meta)).toString('utf8'));
    } catch {
      return undefined;
    }
    parsed.set(meta.sha256, { doc });
  }
  // Records are shared between answers: callers get a copy they may change.
  return is(doc) ? (structuredClone(doc) as T) : undefined;
}

export async function readRecord<T>(ctx: Reader, ns: string, path: string, is: (v: unknown) => v is T): Promise<T | undefined> {
  const meta = ctx.lookup(ns, path);
  return meta ? readListed(ctx, meta, is) : undefined;
}
