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
  // prom-client hashes a label object on every call; the few label sets seen are looked up once.
  const children = new Map<string, { requests: { inc(): void }; bytes: { inc(n: number): void }; duration: { observe(v: number): void } }>();
  return (r) => {
    const group = r.group ?? 'none';
    const key = `${group}\0${r.status}\0${r.cache}`;
    let c = children.get(key);
    if (!c) {
      const site = (r.group && siteOf.get(r.group)) ?? 'none';
      c = { requests: requests.labels(group, site, String(r.status), r.cache), bytes: bytes.labels(group, site, r.cache), duration: duration.labels(site, r.cache) };
      children.set(key, c);
    }
    c.requests.inc();
    if (r.bytes > 0) c.bytes.inc(r.bytes);
    c.duration.observe(r.ms / 1000);
  };
}
