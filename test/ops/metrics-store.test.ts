import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { Cached } from '../../src/ops/cached.js';
import { storeMetrics } from '../../src/ops/metrics-store.js';
import type { StoreCounts } from '../../src/ops/store-counts.js';
import type { JobReport } from '../../src/seed/job-report.js';
import { openStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/tmp.js';
import { seedSuite } from './fixtures.js';

describe('store metrics', () => {
  it('exports objects and bytes per namespace, imports, commits by source, running jobs and the CA expiry', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const counts: StoreCounts = { namespaces: [{ ns: 'ubuntu-archive', objects: 3, bytes: 1024 }, { ns: 'maas-images', objects: 1, bytes: 7 }], imports: 2, lastImportAt: 5_000 };
    const jobs: JobReport[] = [
      { kind: 'import', pid: 1, startedAt: 0, updatedAt: 0, progress: { phase: 'import', doneBytes: 10, totalBytes: 100, doneItems: 1, totalItems: undefined, rate: 0, etaSeconds: undefined, elapsedSeconds: 1, active: [] } },
    ];
    const registry = new Registry();
    storeMetrics(registry, { store, counts: new Cached(async () => counts, 0, 0), jobs: () => jobs, caNotAfter: () => new Date(86_400_000) });
    await seedSuite(store);
    const text = await registry.metrics();
    expect(text).toContain('airgap_cache_store_objects{namespace="ubuntu-archive"} 3');
    expect(text).toContain('airgap_cache_store_bytes{namespace="maas-images"} 7');
    expect(text).toContain('airgap_cache_imports 2');
    expect(text).toContain('airgap_cache_last_import_timestamp_seconds 5');
    expect(text).toContain('airgap_cache_store_committed_objects_total{source="import"} 4');
    expect(text).toContain('airgap_cache_job_running{job="import"} 1');
    expect(text).toContain('airgap_cache_job_done_bytes{job="import"} 10');
    expect(text).toContain('airgap_cache_job_total_bytes{job="import"} 100');
    expect(text).not.toContain('airgap_cache_job_total_items{job="import"}');
    expect(text).toContain('airgap_cache_ca_expiry_timestamp_seconds 86400');
    jobs.length = 0;
    expect(await registry.metrics()).not.toContain('airgap_cache_job_running{');
    store.close();
  });
});
