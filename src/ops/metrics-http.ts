// Request metrics, from the request handler's one summary per request.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { HostGroup } from '../config/schema.js';
import type { RequestRecord } from '../http/request-handler.js';

export function requestMetrics(registry: Registry, groups: readonly HostGroup[]): (r: RequestRecord) => void {
  const siteOf = new Map(groups.map((g) => [g.name, g.site]));
  const registers = [registry];
  const requests = new Counter({
    name: 'airgap_cache_requests_total',
    help: 'HTTP(S) requests on the public doors, by host group, site, status and cache result (hit, miss, fill, offline-miss, refused, none)',
    labelNames: ['group', 'site', 'status', 'cache'] as const,
    registers,
  });
  const bytes = new Counter({
    name: 'airgap_cache_response_bytes_total',
    help: 'Body bytes sent to clients, by host group, site and cache result',
    labelNames: ['group', 'site', 'cache'] as const,
    registers,
  });
  const duration = new Histogram({
    name: 'airgap_cache_request_duration_seconds',
    help: 'Time from request to the last byte sent, by site and cache result',
    labelNames: ['site', 'cache'] as const,
    buckets: [0.001, 0.005, 0.025, 0.1, 0.5, 2, 10, 60, 300],
    registers,
  });
  return (r) => {
    const group = r.group ?? 'none';
    const site = (r.group && siteOf.get(r.group)) ?? 'none';
    requests.inc({ group, site, status: String(r.status), cache: r.cache });
    if (r.bytes > 0) bytes.inc({ group, site, cache: r.cache }, r.bytes);
    duration.observe({ site, cache: r.cache }, r.ms / 1000);
  };
}
