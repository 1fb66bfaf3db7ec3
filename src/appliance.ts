// Wires one running appliance: store, CA, fills and the doors. `serve` runs it on the real ports;
// tests run it in-process on port 0.
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/schema.js';
import { HostMatcher } from './config/host-groups.js';
import { DnsBindError } from './dns/server.js';
import { dnsSettings } from './dns/settings.js';
import { startDns, type RunningDns } from './dns/start.js';
import { AgcError } from './errors.js';
import { createAdminDoor } from './http/admin-door.js';
import { guardConnections } from './http/connection-guard.js';
import { interceptConnect } from './http/connect-intercept.js';
import { createRequestHandler, type RequestRecord } from './http/request-handler.js';
import { createTlsDoor } from './http/tls-door.js';
import { trustPaths } from './http/trust-paths.js';
import type { Logger } from './log.js';
import { createOps, type Ops } from './ops/ops.js';
import { openStore, type Store } from './store/store.js';
import { ensureCa, type Ca } from './tls/ca.js';
import { LeafIssuer } from './tls/leaf-issuer.js';
import { createUpstreamAgent } from './upstream/agent.js';
import { apiCaller } from './upstream/api-call.js';
import { FillManager } from './upstream/fill.js';

/** Largest upstream API answer read (a store's JSON), bytes. */
const API_ANSWER_MAX_BYTES = 32 << 20;

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
  const dnsConfig = dnsSettings(config);
  const matcher = new HostMatcher(config.hostGroups);
  const store = openStore({ dataDir: config.dataDir, ...config.store });
  const ca = ensureCa(config.certsDir);
  const issuer = new LeafIssuer(ca, config.certsDir);
  const dispatcher = createUpstreamAgent({ upstreamResolve: config.upstreamResolve, resolvers: config.dns.forwarders, ...config.upstream });
  const fills = new FillManager(store, dispatcher, log.child({ mod: 'fill' }));
  const ops = createOps({ config, store, fills, caNotAfter: () => ca.notAfter, served: (host) => matcher.match(host) !== undefined });
  const listeners: ((s: RequestRecord) => void)[] = [ops.onRequest];
  const handler = createRequestHandler(
    { mode: config.mode, matcher, store, fills, readBufferBytes: config.store.readBufferBytes, log: log.child({ mod: 'http' }), ownPaths: trustPaths(config.certsDir), siteSettings: { aptMetadataMaxAgeMs: config.apt.metadataMaxAgeSeconds * 1000 }, apiCall: apiCaller(dispatcher, { timeoutMs: config.upstream.apiTimeoutMs, maxBytes: API_ANSWER_MAX_BYTES }) },
    (s) => listeners.forEach((l) => l(s)),
  );

  // Node checks header and request timeouts on this interval: a fraction of the shortest one.
  const checking = { connectionsCheckingInterval: Math.max(250, Math.min(config.http.headersTimeoutMs, 30_000) / 4) };
  const plain = createServer(checking, handler);
  const tls = createTlsDoor(matcher, issuer, handler, log.child({ mod: 'tls' }), checking);
  const perClient = new Map<string, number>();
  guardConnections(plain, config.http, perClient);
  guardConnections(tls, config.http, perClient);
  interceptConnect(plain, tls, matcher, log.child({ mod: 'connect' }));
  const listening = { http: false, https: false, admin: false, dns: false };
  const admin = createAdminDoor({
    ready: () => {
      const detail = { ...listening, store: storeReadable(store), ca: ca.notAfter.getTime() > Date.now() };
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
    dns = await startDns(config, dnsConfig, log.child({ mod: 'dns' })).catch((err: unknown) => {
      if (!(err instanceof DnsBindError)) throw err;
      const door = `DNS (${err.transport})`;
      throw new AgcError('AGC_ERR_LISTEN', listenFailure(err.errno, config.listen, config.ports.dns, door), { subject: `${config.listen}:${config.ports.dns}`, cause: err.errno });
    });
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
    ca,
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

function storeReadable(store: Store): boolean {
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

function listen(server: HttpServer, host: string, port: number, door: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      reject(new AgcError('AGC_ERR_LISTEN', listenFailure(err, host, port, door), { subject: `${host}:${port}`, cause: err }));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function listenFailure(err: NodeJS.ErrnoException, host: string, port: number, door: string): string {
  const where = `${door} door ${host}:${port}`;
  if (err.code === 'EADDRINUSE') {
    const who = door.startsWith('DNS') ? 'systemd-resolved, dnsmasq' : 'another web server';
    return `${where}: the port is already in use (${who} or an earlier airgap-cache?)`;
  }
  if (err.code === 'EACCES') {
    return `${where}: no permission to bind a port below 1024; run as root or grant it with: sudo setcap cap_net_bind_service=+ep "$(readlink -f "$(command -v node)")"`;
  }
  if (err.code === 'EADDRNOTAVAIL') return `${where}: no interface has the address ${host}`;
  return `${where}: ${err.message}`;
}

function portOf(server: HttpServer): number {
  return (server.address() as AddressInfo).port;
}

function closeServer(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
