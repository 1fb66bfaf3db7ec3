// Operating the appliance: metrics, the traffic, top-object, miss and DNS tallies, and the admin
// routes that show them. Everything is fed by events (request summaries, fills, store commits, DNS
// queries); nothing here sits on a request's path.
import type { EventEmitter } from 'node:events';
import type { Config } from '../config/schema.js';
import type { DnsEvents } from '../dns/query-events.js';
import type { AdminRoute } from '../http/admin-door.js';
import type { RequestRecord } from '../http/request-handler.js';
import { runningJobs } from '../seed/job-report.js';
import type { Store } from '../store/store.js';
import type { FillTally } from '../upstream/fill.js';
import { DnsTally } from './dns-tally.js';
import { createMetrics, type Metrics } from './metrics.js';
import { missesManifest, seedOrigin, urlFor } from './misses-manifest.js';
import { RecentMisses } from './recent-misses.js';
import { storeCounts } from './store-counts.js';
import { storeSummary } from './store-summary.js';
import { statusModel, type StatusSources, type TopInfo } from './status-model.js';
import { renderStatusPage } from './status-page.js';
import { TopCounter } from './top-counter.js';
import { Traffic } from './traffic.js';
import { packageVersion } from './version.js';

export interface OpsDeps {
  config: Readonly<Config>;
  store: Store;
  fills: FillTally;
  caNotAfter: () => Date;
  /** Whether a host is one the appliance serves (a seed manifest may only name those). */
  served: (host: string) => boolean;
}

export interface Ops {
  metrics: Metrics;
  onRequest: (r: RequestRecord) => void;
  watchDns: (events: EventEmitter<DnsEvents>) => void;
  routes: Record<string, AdminRoute>;
}

export function createOps(d: OpsDeps): Ops {
  const { config } = d;
  const groups = new Map(config.hostGroups.map((g) => [g.name, g]));
  const metrics = createMetrics(config.hostGroups, d.fills, { store: d.store, counts: storeCounts(d.store), jobs: () => runningJobs(config.dataDir), caNotAfter: d.caNotAfter });
  const sources: StatusSources = {
    config,
    version: packageVersion(),
    summary: storeSummary(config, d.store),
    traffic: new Traffic(),
    top: new TopCounter<TopInfo>(config.admin.topObjects),
    misses: new RecentMisses(config.admin.recentMisses),
    dns: new DnsTally(1_000),
    fills: d.fills,
  };

  const onRequest = (r: RequestRecord): void => {
    metrics.request(r);
    sources.traffic.add(r.group, r.cache, r.bytes);
    const group = r.group === undefined ? undefined : groups.get(r.group);
    if (!group || r.host === undefined || r.path === undefined || r.cache === 'none' || r.cache === 'refused') return;
    sources.top.add(`${group.namespace}\0${r.path}`, r.bytes, { group: group.name, host: r.host, path: r.path });
    if (r.cache === 'miss' || r.cache === 'offline-miss') {
      const url = urlFor(seedOrigin(group.upstream, r.host, d.served), r.path);
      sources.misses.add({ url, group: group.name, namespace: group.namespace, site: group.site, host: r.host, path: r.path, query: r.query ?? '', cache: r.cache, status: r.status });
    }
  };

  const routes: Record<string, AdminRoute> = {
    '/': async (_req, res) => {
      const page = renderStatusPage(await statusModel(sources));
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'", 'cache-control': 'no-store' });
      res.end(page);
    },
    '/status.json': async (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(await statusModel(sources), null, 2) + '\n');
    },
    '/metrics': async (_req, res) => {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' }).end(text);
    },
    '/misses.yaml': (_req, res) => {
      // text/plain so a browser shows it rather than downloading it; curl -o saves it all the same.
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'inline; filename="misses.yaml"', 'cache-control': 'no-store' });
      res.end(missesManifest(sources.misses.list()));
    },
  };

  return {
    metrics,
    onRequest,
    watchDns: (events) => {
      events.on('query', (e) => {
        metrics.dnsQuery(e);
        sources.dns.add(e);
      });
    },
    routes,
  };
}
