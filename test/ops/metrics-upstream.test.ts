import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { upstreamMetrics } from '../../src/ops/metrics-upstream.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillManager } from '../../src/upstream/fill.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let upstream: FakeUpstream;
let store: Store;
afterEach(async () => {
  await upstream.close();
  store.close();
});

describe('upstream metrics', () => {
  it('counts fetches, fills with their bytes, absences, failures by code, joins, and what is in flight', async () => {
    upstream = new FakeUpstream();
    const port = await upstream.listen();
    store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    const fills = new FillManager(store, createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 1000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 }), silentLogger());
    const registry = new Registry();
    upstreamMetrics(registry, fills);
    const url = (p: string) => `http://127.0.0.1:${port}${p}`;
    upstream.put('/ok', { body: Buffer.alloc(50_000, 1), dripMs: 5 });
    upstream.put('/bad', { body: Buffer.from('x'), status: 503 });
    const first = fills.fill({ ns: 'a', path: '/ok', url: url('/ok') });
    fills.fill({ ns: 'a', path: '/ok', url: url('/ok') });
    const during = await registry.metrics();
    expect(during).toContain('airgap_cache_fills_in_flight 1');
    expect(during).toContain('airgap_cache_fill_waiters 2');
    await first.done;
    await fills.fill({ ns: 'a', path: '/gone', url: url('/gone') }).done;
    await fills.fill({ ns: 'b', path: '/bad', url: url('/bad') }).done.catch(() => undefined);
    const text = await registry.metrics();
    expect(text).toContain('airgap_cache_upstream_fetches_total{namespace="a"} 2');
    expect(text).toContain('airgap_cache_upstream_filled_total{namespace="a"} 1');
    expect(text).toContain('airgap_cache_upstream_filled_bytes_total{namespace="a"} 50000');
    expect(text).toContain('airgap_cache_upstream_absent_total{namespace="a"} 1');
    expect(text).toContain('airgap_cache_upstream_failures_total{namespace="b",code="AGC_ERR_UPSTREAM"} 1');
    expect(text).toContain('airgap_cache_fill_joins_total 1');
    expect(text).toContain('airgap_cache_fills_in_flight 0');
  });
});
