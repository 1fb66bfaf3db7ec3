// Objects and bytes per namespace and the import log's size: one GROUP BY over the index and one
// read of the import records, shared by /metrics and the status page and cached (cached.ts).
import type { Store } from '../store/store.js';
import { Cached } from './cached.js';

export interface StoreCounts {
  namespaces: { ns: string; objects: number; bytes: number }[];
  imports: number;
  /** ms since the epoch; undefined before the first import. */
  lastImportAt: number | undefined;
}

export function storeCounts(store: Store): Cached<StoreCounts> {
  const cached = new Cached(
    async () => {
      const records = store.importRecords();
      return { namespaces: store.namespaces(), imports: records.length, lastImportAt: records.at(-1)?.importedAt };
    },
    5_000,
    30_000,
  );
  store.on('committed', () => cached.invalidate());
  return cached;
}
