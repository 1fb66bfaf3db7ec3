// Wires one running appliance: store, CA, fills and the doors. `serve` runs it on the real ports;
// tests run it in-process on port 0. With http.workers > 1, appliance-cluster.ts runs it instead.
import type { Server as HttpServer } from 'node:http';
import { closeServer, createDoors, listen, listenFailure, portOf } from './appliance-doors.js';
import type { Config } from './config/schema.js';
import { HostMatcher } from './config/host-groups.js';
import { DnsBindError } from './dns/server.js';
import { dnsSettings } from './dns/settings.js';
import { startDns, type RunningDns } from './dns/start.js';
import { AgcError } from './errors.js';
import { createAdminDoor } from './http/admin-door.js';
import type { RequestRecord } from './http/request-handler.js';
import type { Logger } from './log.js';
import { createOps, type Ops } from './ops/ops.js';
import { openStore, type Store } from './store/store.js';
import { ensureCa, type Ca } from './tls/ca.js';
import { CurrentCa } from './tls/current-ca.js';
import { LeafIssuer } from './tls/leaf-issuer.js';
import { createUpstreamAgent } from './upstream/agent.js';
import { FillManager } from './upstream/fill.js';

export interface RunningAppliance {
  config: Readonly<Config>;
  store: Store;
  ca: Ca;
  fills: FillManager;
  ports: { http: number; https: number; admin: number; dns: number };
  /** Metrics, status page and the tallies behind them. */
  ops: Ops;
  onRequest(listener: (s: RequestRecord) => void): void;
  close(): Promise<void>;
}

export async function startAppliance(config: Readonly<Config>, log: Logger): Promise<RunningAppliance> {
  // Checked before anything binds: a bad DNS setting fails the start, not the first query.
  const dnsAnswers = dnsSettings(config);
  const matcher = new HostMatcher(config.hostGroups);
  const store = openStore({ dataDir: config.dataDir, ...config.store });
  const ca = new CurrentCa(config.certsDir, ensureCa(config.certsDir), log.child({ mod: 'ca' }));
  const issuer = new LeafIssuer(() => ca.get(), config.certsDir);
  const dispatcher = createUpstreamAgent({ upstreamResolve: config.upstreamResolve, resolvers: config.dns.forwarders, selfAddresses: [...dnsAnswers.ipv4, ...dnsAnswers.ipv6], ...config.upstream });
  const fills = new FillManager(store, dispatcher, log.child({ mod: 'fill' }));
  const ops = createOps({ config, store, fills, caNotAfter: () => ca.get().notAfter, served: (host) => matcher.match(host) !== undefined });
  const listeners: ((s: RequestRecord) => void)[] = [ops.onRequest];
  const { plain, tls } = createDoors(config, log, { matcher, store, fills, issuer, dispatcher }, (s) => listeners.forEach((l) => l(s)));
  const listening = { http: false, https: false, admin: false, dns: false };
  const admin = createAdminDoor({
    ready: () => {
      const detail = { ...listening, store: storeReadable(store), ca: ca.get().notAfter.getTime() > Date.now() };
      return { ok: Object.values(detail).every(Boolean), detail };
    },
    routes: ops.routes,
    token: config.admin.token,
    log: log.child({ mod: 'admin' }),
  });
  const [adminHost, adminPort] = splitHostPort(config.admin.listen);
  const servers: HttpServer[] = [];
  let dns: RunningDns | undefined;
  try {
    await listen(plain, config.listen, config.ports.http, 'HTTP');
    servers.push(plain);
    listening.http = true;
    await listen(tls, config.listen, config.ports.https, 'HTTPS');
    servers.push(tls);
    listening.https = true;
    dns = await startDnsDoor(config, log);
    ops.watchDns(dns.events);
    listening.dns = true;
    await listen(admin, adminHost, adminPort, 'admin');
    servers.push(admin);
    listening.admin = true;
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    await dns?.close();
    store.close();
    await dispatcher.close();
    throw err;
  }

  return {
    config,
    store,
    get ca() {
      return ca.get();
    },
    fills,
    ops,
    ports: { http: portOf(plain), https: portOf(tls), admin: portOf(admin), dns: dns.port },
    onRequest: (l) => listeners.push(l),
    async close() {
      await Promise.all([...servers.map(closeServer), dns!.close()]);
      await dispatcher.close().catch(() => undefined);
      store.close();
    },
  };
}

/** The DNS responder on its configured port, a bind failure told like the other doors'. */
export function startDnsDoor(config: Readonly<Config>, log: Logger): Promise<RunningDns> {
  return startDns(config, dnsSettings(config), log.child({ mod: 'dns' })).catch((err: unknown) => {
    if (!(err instanceof DnsBindError)) throw err;
    const door = `DNS (${err.transport})`;
    throw new AgcError('AGC_ERR_LISTEN', listenFailure(err.errno, config.listen, config.ports.dns, door), { subject: `${config.listen}:${config.ports.dns}`, cause: err.errno });
  });
}

export function storeReadable(store: Store): boolean {
  try {
    store.lookup('\0readyz', '/');
    return true;
  } catch {
    return false;
  }
}

export function splitHostPort(s: string): [string, number] {
  const m = /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(s);
  if (!m) throw new AgcError('AGC_ERR_CONFIG', `expected HOST:PORT, got ${JSON.stringify(s)}`, { subject: s });
  return [m[1]!, Number(m[2])];
}
