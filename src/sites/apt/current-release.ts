// The Release of the InRelease a suite currently serves, parsed once per InRelease content.
import { LRUCache } from 'lru-cache';
import type { SiteContext } from '../site.js';
import { clearsignedText } from './clearsigned.js';
import { parseRelease, type Release } from './release.js';

const parsed = new LRUCache<string, Release>({ max: 256 });

export async function currentRelease(ctx: SiteContext, ns: string, suiteDir: string): Promise<Release | undefined> {
  const meta = ctx.lookup(ns, `${suiteDir}/InRelease`);
  if (!meta) return undefined;
  const hit = parsed.get(meta.sha256);
  if (hit) return hit;
  const text = clearsignedText((await ctx.read(meta)).toString('utf8'));
  if (text === undefined) return undefined;
  const release = parseRelease(text);
  parsed.set(meta.sha256, release);
  return release;
}
