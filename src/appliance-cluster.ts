// The appliance as several processes (http.workers > 1). The primary keeps what must be single: DNS,
// the admin door (metrics, status page, misses log, fed by the workers' request records), the CA
// files and the book of fills that gives each missing object one owner across all workers. The
// workers share the public HTTP and HTTPS ports (node:cluster) and each opens the store itself;
// the store notices other processes' commits, so a fill or an import is seen by every worker.
import type { Server as HttpServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, collectDefaultMetrics, Registry } from 'prom-client';
import { startDnsDoor, splitHostPort, storeReadable } from './appliance.js';
import { closeServer, createDoors, listen, portOf } from './appliance-doors.js';
import { HostMatcher } from './config/host-groups.js';
import type { Config } from './config/schema.js';
import { dnsSettings } from './dns/settings.js';
import type { RunningDns } from './dns/start.js';
import { createAdminDoor, type AdminRoute } from './http/admin-door.js';
import { WorkerPool, type ReadyMessage } from './http/cluster.js';
import type { RequestRecord } from './http/request-handler.js';
import type { Logger } from './log.js';
import { createOps, type Ops } from './ops/ops.js';
import { openStore, type Store } from './store/store.js';
import { ensureCa, loadCa, type Ca } from './tls/ca.js';
import { CurrentCa } from './tls/current-ca.js';
import { LeafIssuer } from './tls/leaf-issuer.js';
import { ensureLeafKey } from './tls/leaf-key.js';
import { createUpstreamAgent } from './upstream/agent.js';
import { FillBroker, isFillNotice, isFillReport } from './upstream/fill-broker.js';
import { ClusterFills } from './upstream/fill-remote.js';
import { FillManager } from './upstream/fill.js';

/** http.workers as a process count: 0 or "auto" is one per CPU. */
export function workerCount(workers: number | 'auto'): number {
  return workers === 'auto' || workers === 0 ? availableParallelism() : workers;
}

export interface RunningCluster {
  ca: Ca;
  store: Store;
  ops: Ops;
  pool: WorkerPool;
  ports: { http: number; https: number; admin: number; dns: number };
  close(): Promise<void>;
}

interface RequestsMessage {
  t: 'requests';
  list: RequestRecord[];
}

function isRequests(msg: unknown): msg is RequestsMessage {
  return typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'requests';
}

export async function startClusterPrimary(config: Readonly<Config>, log: Logger, count: number, worker?: { exec: string; args: string[] }): Promise<RunningCluster> {
  dnsSettings(config);
  const matcher = new HostMatcher(config.hostGroups);
  const store = openStore({ dataDir: config.dataDir, ...config.store });
  // Made (or its interrupted rotation completed) here, once, before any worker loads it; likewise
  // the key all leaf certificates share, which workers issuing at once would otherwise race to make.
  const ca = new CurrentCa(config.certsDir, ensureCa(config.certsDir), log.child({ mod: 'ca' }));
  ensureLeafKey(config.certsDir);
  const send = (w: number, msg: unknown): void => pool.send(w, msg);
  const broker = new FillBroker(send);
  const ops = createOps({ config, store, fills: broker, caNotAfter: () => ca.get().notAfter, served: (host) => matcher.match(host) !== undefined });
  const pool: WorkerPool = new WorkerPool({
    count,
    log: log.child({ mod: 'cluster' }),
    onMessage: (w, msg) => {
      if (isFillReport(msg)) broker.report(w, msg);
      else if (isRequests(msg)) for (const r of msg.list) ops.onRequest(r);
    },
    onExit: (w) => broker.workerGone(w),
    ...worker,
  });
  const listening = { admin: false, dns: false };
  const workerMetrics = new AggregatorRegistry();
  const routes: Record<string, AdminRoute> = {
    ...ops.routes,
    // Requests and fills are counted here from the workers' reports; the workers' own process
    // figures (memory, CPU, event loop) are asked of them at scrape time and summed.
    '/metrics': async (_req, res) => {
      const own = await ops.metrics.registry.metrics();
      const workers = await workerMetrics.clusterMetrics().catch((err: Error) => `# worker metrics unavailable: ${err.message}\n`);
      res.writeHead(200, { 'content-type': ops.metrics.registry.contentType, 'cache-control': 'no-store' }).end(own + workers);
    },
  };
  const admin = createAdminDoor({
    ready: () => {
      const detail = { http: pool.ready > 0, https: pool.ready > 0, ...listening, store: storeReadable(store), ca: ca.get().notAfter.getTime() > Date.now() };
      return { ok: Object.values(detail).every(Boolean), detail };
    },
    routes,
    token: config.admin.token,
    log: log.child({ mod: 'admin' }),
  });
  const [adminHost, adminPort] = splitHostPort(config.admin.listen);
  let dns: RunningDns | undefined;
  let ports: ReadyMessage['ports'];
  try {
    ports = await pool.start();
    dns = await startDnsDoor(config, log);
    ops.watchDns(dns.events);
    listening.dns = true;
    await listen(admin, adminHost, adminPort, 'admin');
    listening.admin = true;
  } catch (err) {
    await pool.stop();
    await dns?.close();
    store.close();
    throw err;
  }
  return {
    get ca() {
      return ca.get();
    },
    store,
    ops,
    pool,
    ports: { ...ports, admin: portOf(admin), dns: dns.port },
    async close() {
      await pool.stop();
      await Promise.all([closeServer(admin), dns!.close()]);
      store.close();
    },
  };
}

/** How often a worker passes its request records to the primary, ms (and at most this many at once). */
const RECORDS_EVERY_MS = 100;
const RECORDS_MAX = 500;

export async function startClusterWorker(config: Readonly<Config>, log: Logger): Promise<{ close(): Promise<void> }> {
  const toPrimary = (msg: unknown): void => {
    process.send?.(msg, undefined, undefined, () => undefined);
  };
  // Answers the primary's scrape with this worker's process figures, under their own prefix.
  const processMetrics = new Registry();
  collectDefaultMetrics({ register: processMetrics, prefix: 'airgap_cache_workers_' });
  AggregatorRegistry.setRegistries([processMetrics]);
  // Constructing one is what makes prom-client answer the primary's requests in a worker.
  new AggregatorRegistry();
  const matcher = new HostMatcher(config.hostGroups);
  const store = openStore({ dataDir: config.dataDir, ...config.store });
  const ca = new CurrentCa(config.certsDir, loadCa(config.certsDir), log.child({ mod: 'ca' }));
  const issuer = new LeafIssuer(() => ca.get(), config.certsDir);
  const dnsAnswers = dnsSettings(config);
  const dispatcher = createUpstreamAgent({ upstreamResolve: config.upstreamResolve, resolvers: config.dns.forwarders, selfAddresses: [...dnsAnswers.ipv4, ...dnsAnswers.ipv6], ...config.upstream });
  const fills = new ClusterFills(new FillManager(store, dispatcher, log.child({ mod: 'fill' })), toPrimary);
  process.on('message', (msg: unknown) => {
    if (isFillNotice(msg)) fills.notice(msg);
  });
  let records: RequestRecord[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    clearTimeout(timer);
    timer = undefined;
    if (records.length > 0) toPrimary({ t: 'requests', list: records } satisfies RequestsMessage);
    records = [];
  };
  const { plain, tls } = createDoors(config, log, { matcher, store, fills, issuer, dispatcher }, (r) => {
    records.push(r);
    if (records.length >= RECORDS_MAX) flush();
    else timer ??= setTimeout(flush, RECORDS_EVERY_MS);
  });
  const servers: HttpServer[] = [];
  try {
    await listen(plain, config.listen, config.ports.http, 'HTTP');
    servers.push(plain);
    await listen(tls, config.listen, config.ports.https, 'HTTPS');
    servers.push(tls);
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    await dispatcher.close();
    store.close();
    throw err;
  }
  toPrimary({ t: 'ready', ports: { http: portOf(plain), https: portOf(tls) } } satisfies ReadyMessage);
  return {
    async close() {
      await Promise.all(servers.map(closeServer));
      flush();
      await dispatcher.close().catch(() => undefined);
      store.close();
    },
  };
}
