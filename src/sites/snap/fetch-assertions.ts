// A `fetch-assertions` action of POST /v2/snaps/refresh (spec §5.1, §5.2): snapd's bulk refresh of
// the assertions it holds. For each one the cache has a newer revision of (in a format the client
// reads), the result lists its URL; nothing newer means no result at all, which snapd reads as
// "keep what you have". Sequence-forming assertions (validation sets) are never offered.
import type { SiteContext } from '../site.js';
import { decodeAssertion } from './assertion.js';
import { ASSERTIONS_PREFIX, assertionTypes } from './primary-key.js';
import type { AssertionRef, RefreshAction } from './refresh-request.js';

type Ctx = Pick<SiteContext, 'lookup' | 'read'>;

export async function fetchAssertionsResult(ctx: Ctx, ns: string, base: string, action: RefreshAction, maxFormats: Record<string, number>): Promise<object | undefined> {
  const urls: string[] = [];
  for (const ref of action.assertions ?? []) {
    const path = refPath(ref);
    if (!path) continue;
    const meta = ctx.lookup(ns, path);
    if (!meta) continue;
    let a;
    try {
      a = decodeAssertion(await ctx.read(meta));
    } catch {
      continue;
    }
    if (a.revision <= (ref['if-newer-than'] ?? -1)) continue;
    if (a.format > (maxFormats[ref.type] ?? 0)) continue;
    urls.push(`${base.replace(/\/$/, '')}${path}`);
  }
  return urls.length > 0 ? { result: 'fetch-assertions', key: action.key ?? '', 'assertion-stream-urls': urls } : undefined;
}

function refPath(ref: AssertionRef): string | undefined {
  const key = ref['primary-key'];
  if (!key || key.length === 0 || !assertionTypes[ref.type]) return undefined;
  if (key.some((k) => k === '' || k.includes('/') || k === '.' || k === '..')) return undefined;
  return `${ASSERTIONS_PREFIX}${ref.type}/${key.join('/')}`;
}
