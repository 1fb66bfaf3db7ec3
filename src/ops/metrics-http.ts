// Request metrics, from the request handler's one summary per request. prom-client hashes and
// validates the labels on every inc and observe: three calls per request were about a sixth of a
// small hit's CPU. So a request adds to plain numbers found by three map lookups on strings it
// already holds, and the rows become Prometheus samples only when /metrics is read.
import type { Metric, MetricValue, Registry } from 'prom-client';
import type { HostGroup } from '../config/schema.js';
import type { CacheResult, RequestRecord } from '../http/request-handler.js';

const DURATION_BUCKETS = [0.001, 0.005, 0.025, 0.1, 0.5, 2, 10, 60, 300] as const;

interface Row {
  group: string;
  site: string;
  status: string;
  cache: CacheResult;
  requests: number;
  bytes: number;
  seconds: number;
  /** Requests per duration bucket (not cumulative), the last for beyond the largest bound. */
  buckets: number[];
}

type Sample = MetricValue<string> & { metricName?: string };

/** What the registry reads of a metric: prom-client's own metrics give it the same shape. */
interface TalliedMetric {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; values: Sample[]; aggregator: 'sum' }>;
  reset(): void;
}

export function requestMetrics(registry: Registry, groups: readonly HostGroup[]): (r: RequestRecord) => void {
  const siteOf = new Map(groups.map((g) => [g.name, g.site]));
  // group -> status -> cache -> row: no key string is built per request.
  const table = new Map<string, Map<number, Map<CacheResult, Row>>>();
  const rows: Row[] = [];

  const register = (name: string, help: string, type: TalliedMetric['type'], values: () => Sample[]): void => {
    const metric: TalliedMetric = { name, help, type, aggregator: 'sum', get: async () => ({ name, help, type, values: values(), aggregator: 'sum' }), reset: () => undefined };
    registry.registerMetric(metric as unknown as Metric<string>);
  };
  register('airgap_cache_requests_total', 'HTTP(S) requests on the public doors, by host group, site, status and cache result (hit, miss, fill, offline-miss, refused, none)', 'counter', () =>
    rows.map((r) => ({ labels: { group: r.group, site: r.site, status: r.status, cache: r.cache }, value: r.requests })),
  );
  register('airgap_cache_response_bytes_total', 'Body bytes sent to clients, by host group, site and cache result', 'counter', () =>
    sumBy(rows, (r) => `${r.group}\0${r.cache}`, (r) => ({ group: r.group, site: r.site, cache: r.cache }), (r) => [r.bytes]).map(([labels, [bytes]]) => ({ labels, value: bytes! })),
  );
  register('airgap_cache_request_duration_seconds', 'Time from request to the last byte sent, by site and cache result', 'histogram', () =>
    sumBy(rows, (r) => `${r.site}\0${r.cache}`, (r) => ({ site: r.site, cache: r.cache }), (r) => [r.requests, r.seconds, ...r.buckets]).flatMap(([labels, [count, seconds, ...buckets]]) => histogramSamples('airgap_cache_request_duration_seconds', labels, count!, seconds!, buckets)),
  );

  return (r) => {
    const group = r.group ?? 'none';
    let byStatus = table.get(group);
    if (!byStatus) table.set(group, (byStatus = new Map()));
    let byCache = byStatus.get(r.status);
    if (!byCache) byStatus.set(r.status, (byCache = new Map()));
    let row = byCache.get(r.cache);
    if (!row) {
      const site = (r.group && siteOf.get(r.group)) ?? 'none';
      row = { group, site, status: String(r.status), cache: r.cache, requests: 0, bytes: 0, seconds: 0, buckets: new Array<number>(DURATION_BUCKETS.length + 1).fill(0) };
      byCache.set(r.cache, row);
      rows.push(row);
    }
    const seconds = r.ms / 1000;
    row.requests++;
    row.bytes += r.bytes;
    row.seconds += seconds;
    let b = 0;
    while (b < DURATION_BUCKETS.length && seconds > DURATION_BUCKETS[b]!) b++;
    row.buckets[b]!++;
  };
}

/** Rows summed over the labels a metric leaves out (response bytes have no status). */
function sumBy(rows: readonly Row[], key: (r: Row) => string, labels: (r: Row) => Record<string, string>, values: (r: Row) => number[]): [Record<string, string>, number[]][] {
  const out = new Map<string, [Record<string, string>, number[]]>();
  for (const r of rows) {
    const k = key(r);
    const v = values(r);
    const seen = out.get(k);
    if (seen) v.forEach((n, i) => (seen[1][i]! += n));
    else out.set(k, [labels(r), v]);
  }
  return [...out.values()];
}

function histogramSamples(name: string, labels: Record<string, string>, count: number, seconds: number, buckets: number[]): Sample[] {
  let cumulative = 0;
  const samples: Sample[] = DURATION_BUCKETS.map((le, i) => {
    cumulative += buckets[i]!;
    return { metricName: `${name}_bucket`, labels: { le, ...labels }, value: cumulative };
  });
  samples.push({ metricName: `${name}_bucket`, labels: { le: '+Inf', ...labels }, value: count });
  samples.push({ metricName: `${name}_sum`, labels, value: seconds });
  samples.push({ metricName: `${name}_count`, labels, value: count });
  return samples;
}
