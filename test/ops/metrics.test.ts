import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log.js';
import { Cached } from '../../src/ops/cached.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { openStore } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillManager } from '../../src/upstream/fill.js';
import { tempDir } from '../helpers/tmp.js';

describe('createMetrics', () => {
  it('one registry with process metrics and every source, in the Prometheus text format', async () => {
    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const fills = new FillManager(store, createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 }), silentLogger());
    const m = createMetrics(configSchema.parse({}).hostGroups, fills, { store, counts: new Cached(async () => ({ namespaces: [], imports: 0, lastImportAt: undefined }), 0, 0), jobs: () => [], caNotAfter: () => new Date() });
    m.request({ status: 200, bytes: 1, cache: 'hit', group: 'charmhub', method: 'GET', client: undefined, host: 'api.charmhub.io', path: '/', query: '', ms: 1 });
    m.dnsQuery({ name: 'x', type: 'A', answer: 'answer', own: true });
    const text = await m.registry.metrics();
    expect(m.registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['airgap_cache_process_resident_memory_bytes', 'airgap_cache_nodejs_eventloop_lag_seconds', 'airgap_cache_requests_total', 'airgap_cache_dns_queries_total', 'airgap_cache_upstream_fetches_total', 'airgap_cache_fill_waiters', 'airgap_cache_store_objects', 'airgap_cache_imports', 'airgap_cache_job_running', 'airgap_cache_ca_expiry_timestamp_seconds']) {
      expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
    }
    store.close();
  });
});
