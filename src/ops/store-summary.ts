// What is seeded, per service, for the status page: APT suites with their snapshot dates, image
// streams with their product versions, snaps with their channels, the import log, and the CA with
// its leaf certificates.
// Reading it costs real work (gpgv on image metadata), so it is cached (cached.ts) and refreshed
// after commits.
import { caStatus, type CaStatus } from '../cli/ca-status.js';
import type { Config } from '../config/schema.js';
import { imagesNamespaces } from '../seed/images/import-check.js';
import { imagesStatus, type StreamStatus } from '../seed/images/status.js';
import { snapNamespaces } from '../seed/snap/import-check.js';
import { snapsStatus, type SnapsStatus } from '../seed/snap/status.js';
import { cacheStatus, type ImportStatus } from '../seed/status.js';
import type { Store } from '../store/store.js';
import { aptSuites, type AptSuiteStatus } from './apt-suites.js';
import { Cached } from './cached.js';

export interface StoreSummary {
  at: number;
  namespaces: { ns: string; objects: number; bytes: number }[];
  imports: ImportStatus[];
  apt: AptSuiteStatus[];
  images: StreamStatus[];
  snaps: SnapsStatus[];
  ca: CaStatus | { problem: string };
}

export function storeSummary(config: Readonly<Config>, store: Store): Cached<StoreSummary> {
  const aptNamespaces = new Set(config.hostGroups.filter((g) => g.site === 'apt').map((g) => g.namespace));
  const cached = new Cached(
    async (): Promise<StoreSummary> => {
      const status = cacheStatus(store);
      let ca: StoreSummary['ca'];
      try {
        ca = caStatus(config.certsDir);
      } catch (err) {
        ca = { problem: (err as Error).message };
      }
      return {
        at: Date.now(),
        namespaces: status.namespaces,
        imports: status.imports,
        apt: await aptSuites(store, aptNamespaces),
        images: await imagesStatus(store, imagesNamespaces(config.hostGroups), config.images.keyrings),
        snaps: await snapsStatus(store, snapNamespaces(config.hostGroups)),
        ca,
      };
    },
    10_000,
    60_000,
  );
  store.on('committed', () => cached.invalidate());
  return cached;
}
