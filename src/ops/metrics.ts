// The Prometheus registry behind GET /metrics: process metrics (prom-client's defaults) and one
// set per source, each subscribed to that source's events (metrics-*.ts).
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { HostGroup } from '../config/schema.js';
import type { DnsQueryEvent } from '../dns/query-events.js';
import type { RequestRecord } from '../http/request-handler.js';
import type { FillTally } from '../upstream/fill.js';
import { dnsMetrics } from './metrics-dns.js';
import { requestMetrics } from './metrics-http.js';
import { storeMetrics, type StoreMetricSources } from './metrics-store.js';
import { upstreamMetrics } from './metrics-upstream.js';

export interface Metrics {
  registry: Registry;
  request: (r: RequestRecord) => void;
  dnsQuery: (e: DnsQueryEvent) => void;
}

export function createMetrics(groups: readonly HostGroup[], fills: FillTally, store: StoreMetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'airgap_cache_' });
  upstreamMetrics(registry, fills);
  storeMetrics(registry, store);
  return { registry, request: requestMetrics(registry, groups), dnsQuery: dnsMetrics(registry) };
}
