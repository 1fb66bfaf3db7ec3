// What an item's bytes must be, from the stream's stored metadata: the stream root is the longest
// prefix of the item's path with a stored streams/v1/index.sjson, and its products files give the
// item's sha256 and size. Parsed products are kept per file version (by sha256), so a request
// costs a few index lookups. Items no stored products file lists (an older set's) have no
// expectation and are served as they are.
import { LRUCache } from 'lru-cache';
import type { SiteContext } from '../site.js';
import { cleartextBody } from './cleartext.js';
import { itemsOf, products } from './items.js';
import { parseIndex, parseProducts } from './stream-docs.js';

export interface ItemDigest {
  sha256: string;
  size: number;
}

const INDEX = 'streams/v1/index.sjson';
const parsed = new LRUCache<string, Map<string, ItemDigest> | string[]>({ max: 64 });

export async function itemDigest(ctx: SiteContext, ns: string, path: string): Promise<ItemDigest | undefined> {
  const root = streamRoot(ctx, ns, path);
  if (root === undefined) return undefined;
  const rel = path.slice(root.length);
  for (const productsPath of await productsPaths(ctx, ns, root)) {
    const meta = ctx.lookup(ns, root + productsPath);
    if (!meta) continue;
    let items = parsed.get(meta.sha256) as Map<string, ItemDigest> | undefined;
    if (!items) {
      items = digestsOf(await ctx.read(meta));
      parsed.set(meta.sha256, items);
    }
    const hit = items.get(rel);
    if (hit) return hit;
  }
  return undefined;
}

function streamRoot(ctx: SiteContext, ns: string, path: string): string | undefined {
  for (let cut = path.lastIndexOf('/'); cut >= 0; cut = path.lastIndexOf('/', cut - 1)) {
    const root = path.slice(0, cut + 1);
    if (ctx.lookup(ns, root + INDEX)) return root;
    if (cut === 0) break;
  }
  return undefined;
}

async function productsPaths(ctx: SiteContext, ns: string, root: string): Promise<string[]> {
  const meta = ctx.lookup(ns, root + INDEX)!;
  const cached = parsed.get(meta.sha256) as string[] | undefined;
  if (cached) return cached;
  let paths: string[] = [];
  try {
    paths = parseIndex(cleartextBody((await ctx.read(meta)).toString('utf8')) ?? '').entries.map((e) => e.path);
  } catch {
    // Not a simplestreams index: no expectations from it.
  }
  parsed.set(meta.sha256, paths);
  return paths;
}

function digestsOf(bytes: Buffer): Map<string, ItemDigest> {
  const out = new Map<string, ItemDigest>();
  try {
    const doc = parseProducts(cleartextBody(bytes.toString('utf8')) ?? '');
    for (const [name, p] of products(doc)) {
      for (const i of itemsOf(doc, name, p)) if (i.path && i.sha256 && i.size !== undefined) out.set(i.path, { sha256: i.sha256, size: i.size });
    }
  } catch {
    // A products file that cannot be read gives no expectations.
  }
  return out;
}
