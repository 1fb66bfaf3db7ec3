// Store, import/verify job and CA metrics: counts read at scrape time (cached, store-counts.ts),
// commits counted from the store's events, jobs from the reports the CLI publishes beside the data.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { JobReport } from '../seed/job-report.js';
import type { Store } from '../store/store.js';
import type { Cached } from './cached.js';
import type { StoreCounts } from './store-counts.js';

export interface StoreMetricSources {
  store: Store;
  counts: Cached<StoreCounts>;
  jobs: () => JobReport[];
  caNotAfter: () => Date;
}

export function storeMetrics(registry: Registry, s: StoreMetricSources): void {
  const registers = [registry];
  const committed = new Counter({
    name: 'airgap_cache_store_committed_objects_total',
    help: 'Objects made visible in the store by this process, by source (fill; imports by the CLI count in airgap_cache_imports)',
    labelNames: ['source'] as const,
    registers,
  });
  s.store.on('committed', (list) => {
    for (const m of list) committed.inc({ source: m.source.split(':')[0] ?? 'other' });
  });
  const perNamespace = (name: string, help: string, pick: (n: StoreCounts['namespaces'][number]) => number): void => {
    new Gauge({
      name,
      help,
      labelNames: ['namespace'] as const,
      registers,
      async collect() {
        this.reset();
        for (const n of (await s.counts.get()).namespaces) this.set({ namespace: n.ns }, pick(n));
      },
    });
  };
  perNamespace('airgap_cache_store_objects', 'Objects (paths) stored per namespace', (n) => n.objects);
  perNamespace('airgap_cache_store_bytes', 'Bytes stored per namespace (a blob shared by two paths counts twice)', (n) => n.bytes);
  new Gauge({
    name: 'airgap_cache_imports',
    help: 'Bundles and trees imported into this store',
    registers,
    async collect() {
      this.set((await s.counts.get()).imports);
    },
  });
  new Gauge({
    name: 'airgap_cache_last_import_timestamp_seconds',
    help: 'When the last import committed (0: never)',
    registers,
    async collect() {
      this.set(((await s.counts.get()).lastImportAt ?? 0) / 1000);
    },
  });
  jobMetrics(registry, s.jobs);
  new Gauge({
    name: 'airgap_cache_ca_expiry_timestamp_seconds',
    help: 'When the CA certificate every client trusts expires',
    registers,
    collect() {
      this.set(s.caNotAfter().getTime() / 1000);
    },
  });
}

/** Running imports and verifies (airgap-cache import / verify beside serve): how far along they are. */
function jobMetrics(registry: Registry, jobs: () => JobReport[]): void {
  const gauge = (name: string, help: string, pick: (r: JobReport) => number | undefined): void => {
    new Gauge({
      name,
      help,
      labelNames: ['job'] as const,
      registers: [registry],
      collect() {
        this.reset();
        const sums = new Map<string, number>();
        for (const r of jobs()) {
          const v = pick(r);
          if (v !== undefined) sums.set(r.kind, (sums.get(r.kind) ?? 0) + v);
        }
        for (const [job, v] of sums) this.set({ job }, v);
      },
    });
  };
  gauge('airgap_cache_job_running', 'Import or verify jobs running beside this appliance', () => 1);
  gauge('airgap_cache_job_done_bytes', 'Bytes a running job has processed', (r) => r.progress.doneBytes);
  gauge('airgap_cache_job_total_bytes', 'Bytes a running job will process, when known', (r) => r.progress.totalBytes);
  gauge('airgap_cache_job_done_items', 'Items (objects, blobs) a running job has processed', (r) => r.progress.doneItems);
  gauge('airgap_cache_job_total_items', 'Items a running job will process, when known', (r) => r.progress.totalItems);
}
