// DNS metrics, from the responder's query events.
import { Counter, type Registry } from 'prom-client';
import type { DnsQueryEvent } from '../dns/query-events.js';

export function dnsMetrics(registry: Registry): (e: DnsQueryEvent) => void {
  const queries = new Counter({
    name: 'airgap_cache_dns_queries_total',
    help: 'DNS queries by type and answer (answer, nodata, nxdomain: intercepted names; forwarded, servfail: other names; refused, dropped, …)',
    labelNames: ['type', 'answer'] as const,
    registers: [registry],
  });
  return (e) => queries.inc({ type: e.type, answer: e.answer });
}
