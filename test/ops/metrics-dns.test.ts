import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { dnsMetrics } from '../../src/ops/metrics-dns.js';

describe('DNS metrics', () => {
  it('counts queries by type and answer', async () => {
    const registry = new Registry();
    const observe = dnsMetrics(registry);
    observe({ name: 'archive.ubuntu.com', type: 'A', answer: 'answer', own: true });
    observe({ name: 'archive.ubuntu.com', type: 'A', answer: 'answer', own: true });
    observe({ name: 'example.com', type: 'AAAA', answer: 'refused', own: false });
    const text = await registry.metrics();
    expect(text).toContain('airgap_cache_dns_queries_total{type="A",answer="answer"} 2');
    expect(text).toContain('airgap_cache_dns_queries_total{type="AAAA",answer="refused"} 1');
  });
});
