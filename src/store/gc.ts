// Garbage collection: blobs no entry refers to any more (bytes an import or a refresh replaced,
// what a crashed import left) are deleted once they are older than a grace period. The grace keeps
// what a running import has written but not yet committed; an import that reuses a stored blob
// touches it first (see touchBlob), so that blob is young again for as long as the import runs.
import { lstat, readdir, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { isSha256Hex } from './blob-paths.js';
import type { Store } from './store.js';

export interface GcOptions {
  /** Unreferenced blobs younger than this are kept, ms. */
  minAgeMs: number;
  /** Report what would go, delete nothing. */
  dryRun?: boolean;
  now?: number;
}

export interface GcResult {
  scanned: number;
  removed: number;
  bytesFreed: number;
  /** Unreferenced, but younger than the grace period. */
  young: number;
  /** Files in the blob folders that are not blobs: reported, never touched. */
  strays: string[];
}

export async function collectGarbage(store: Store, opts: GcOptions): Promise<GcResult> {
  const now = opts.now ?? Date.now();
  const root = join(store.dataDir, 'blobs', 'sha256');
  const r: GcResult = { scanned: 0, removed: 0, bytesFreed: 0, young: 0, strays: [] };
  for (const fan of await readdir(root).catch(() => [] as string[])) {
    const dir = join(root, fan);
    if (!/^[0-9a-f]{2}$/.test(fan)) {
      r.strays.push(dir);
      continue;
    }
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const file = join(dir, name);
      const st = await lstat(file).catch(() => undefined);
      if (!st) continue;
      if (!st.isFile() || !isSha256Hex(name) || !name.startsWith(fan)) {
        r.strays.push(file);
        continue;
      }
      r.scanned += 1;
      if (store.isReferenced(name)) continue;
      if (now - st.mtimeMs < opts.minAgeMs) {
        r.young += 1;
        continue;
      }
      if (!opts.dryRun) {
        // Checked again right before the unlink: a commit may have claimed it meanwhile.
        if (store.isReferenced(name)) continue;
        if (!(await unlink(file).then(() => true, () => false))) continue;
      }
      r.removed += 1;
      r.bytesFreed += st.size;
    }
  }
  return r;
}

/** Marks a stored blob as just used, so a collection running beside this import keeps it. */
export async function touchBlob(store: Store, sha256: string): Promise<void> {
  const t = new Date();
  await utimes(store.blobPath(sha256), t, t).catch(() => undefined);
}
