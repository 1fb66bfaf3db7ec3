import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/schema.js';
import type { RequestRecord } from '../../src/http/request-handler.js';
import { requestMetrics } from '../../src/ops/metrics-http.js';

const record = (r: Partial<RequestRecord>): RequestRecord => ({ status: 200, bytes: 0, cache: 'hit', group: 'ubuntu-archive', method: 'GET', client: '127.0.0.1', host: 'archive.ubuntu.com', path: '/x', query: '', ms: 2, ...r });

describe('request metrics', () => {
  it('counts requests by group, site, status and cache result, bytes and durations', async () => {
    const registry = new Registry();
    const observe = requestMetrics(registry, configSchema.parse({}).hostGroups);
    observe(record({ bytes: 100 }));
    observe(record({ bytes: 50 }));
    observe(record({ status: 404, cache: 'offline-miss', group: 'maas-images', bytes: 10 }));
    observe(record({ status: 421, cache: 'refused', group: undefined, bytes: 0 }));
    const text = await registry.metrics();
    expect(text).toContain('airgap_cache_requests_total{group="ubuntu-archive",site="apt",status="200",cache="hit"} 2');
    expect(text).toContain('airgap_cache_requests_total{group="maas-images",site="images",status="404",cache="offline-miss"} 1');
    expect(text).toContain('airgap_cache_requests_total{group="none",site="none",status="421",cache="refused"} 1');
    expect(text).toContain('airgap_cache_response_bytes_total{group="ubuntu-archive",site="apt",cache="hit"} 150');
    expect(text).toContain('airgap_cache_request_duration_seconds_count{site="apt",cache="hit"} 2');
    expect(text).toContain('airgap_cache_request_duration_seconds_bucket{le="0.005",site="apt",cache="hit"} 2');
  });

  it('sums bytes over statuses, puts a duration on a bound in that bucket and one past the last only in +Inf', async () => {
    const registry = new Registry();
    const observe = requestMetrics(registry, configSchema.parse({}).hostGroups);
    observe(record({ bytes: 7, ms: 5 }));
    observe(record({ status: 206, bytes: 3, ms: 400_000 }));
    const text = await registry.metrics();
    expect(text).toContain('airgap_cache_response_bytes_total{group="ubuntu-archive",site="apt",cache="hit"} 10');
    expect(text).toContain('airgap_cache_request_duration_seconds_bucket{le="0.001",site="apt",cache="hit"} 0');
    expect(text).toContain('airgap_cache_request_duration_seconds_bucket{le="0.005",site="apt",cache="hit"} 1');
    expect(text).toContain('airgap_cache_request_duration_seconds_bucket{le="300",site="apt",cache="hit"} 1');
    expect(text).toContain('airgap_cache_request_duration_seconds_bucket{le="+Inf",site="apt",cache="hit"} 2');
    expect(text).toContain('airgap_cache_request_duration_seconds_sum{site="apt",cache="hit"} 400.005');
    expect(text).toContain('# TYPE airgap_cache_request_duration_seconds histogram');
    expect(text).toContain('# TYPE airgap_cache_requests_total counter');
  });
});
