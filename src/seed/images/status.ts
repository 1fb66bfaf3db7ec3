// What MAAS could import from the cache, per stream: the product versions whose items are all
// stored (os, release, arch, subarch, version: what a MAAS admin selects), read from the stored
// signed metadata through gpgv like everything else. `manifest` items count for nothing: MAAS
// ignores them. Versions with no stored item at all are not listed.
import { readFile } from 'node:fs/promises';
import { itemsOf, productData, products, versionNames } from '../../sites/images/items.js';
import type { Store } from '../../store/store.js';
import { INDEX_PATH, readSignedSet } from './signed-set.js';

export interface ImageVersionStatus {
  product: string;
  os: string;
  release: string;
  arch: string;
  subarch: string;
  version: string;
  complete: boolean;
  /** The ftypes (or item names) of the items not stored. */
  missing: string[];
}

export interface StreamStatus {
  ns: string;
  /** The stream root's path, e.g. /ephemeral-v3/stable/. */
  stream: string;
  /** Set when the stored metadata cannot be read or does not verify with the keyrings. */
  problem?: string;
  versions: ImageVersionStatus[];
}

export async function imagesStatus(store: Store, namespaces: ReadonlySet<string>, keyrings: readonly string[]): Promise<StreamStatus[]> {
  const roots: { ns: string; root: string }[] = [];
  for (const e of store.entriesMatching(`*/${INDEX_PATH}`)) if (namespaces.has(e.ns) && e.path.endsWith(`/${INDEX_PATH}`)) roots.push({ ns: e.ns, root: e.path.slice(0, -INDEX_PATH.length) });
  const out: StreamStatus[] = [];
  for (const { ns, root } of roots) {
    const read = async (rel: string): Promise<Buffer> => {
      const meta = store.lookup(ns, root + rel);
      if (!meta) throw new Error(`${root + rel} is not stored`);
      return readFile(store.blobPath(meta.sha256));
    };
    try {
      const set = await readSignedSet({ keyrings, read, name: (rel) => `${ns}:${root + rel}`, code: 'AGC_ERR_STORE' });
      const versions: ImageVersionStatus[] = [];
      for (const { doc } of set.products) {
        for (const [name, product] of products(doc)) {
          const d = productData(doc, name, product);
          for (const version of versionNames(product)) {
            const items = [...itemsOf(doc, name, product, [version])].filter((i) => i.path !== undefined && i.data.ftype !== 'manifest');
            const stored = items.filter((i) => store.lookup(ns, root + i.path)?.sha256 === i.sha256);
            if (stored.length === 0) continue;
            const missing = items.filter((i) => !stored.includes(i)).map((i) => i.data.ftype ?? i.item);
            versions.push({ product: name, os: d.os ?? '-', release: d.release ?? '-', arch: d.arch ?? '-', subarch: d.subarch ?? '-', version, complete: missing.length === 0, missing });
          }
        }
      }
      out.push({ ns, stream: root, versions });
    } catch (err) {
      out.push({ ns, stream: root, problem: (err as Error).message, versions: [] });
    }
  }
  return out;
}
