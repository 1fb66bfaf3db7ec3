// The public HTTP and HTTPS doors and what they share, built the same way for the one-process
// appliance and for each worker of a multi-process one; plus the listen / close helpers all doors use.
import type { Server as HttpServer } from 'node:http';
import { createServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { createUpstreamAgent } from './upstream/agent.js';
import type { HostMatcher } from './config/host-groups.js';
import type { Config } from './config/schema.js';
import { AgcError } from './errors.js';
import { guardConnections } from './http/connection-guard.js';
import { interceptConnect } from './http/connect-intercept.js';
import { createRequestHandler, type RequestRecord } from './http/request-handler.js';
import { createTlsDoor } from './http/tls-door.js';
import { trustPaths } from './http/trust-paths.js';
import type { Logger } from './log.js';
import type { Store } from './store/store.js';
import type { LeafIssuer } from './tls/leaf-issuer.js';
import { apiCaller } from './upstream/api-call.js';
import type { Fills } from './upstream/fill.js';

/** Largest upstream API answer read (a store's JSON), bytes. */
const API_ANSWER_MAX_BYTES = 32 << 20;

export interface DoorDeps {
  matcher: HostMatcher;
  store: Store;
  fills: Fills;
  issuer: LeafIssuer;
  dispatcher: ReturnType<typeof createUpstreamAgent>;
}

export function createDoors(config: Readonly<Config>, log: Logger, d: DoorDeps, onDone: (s: RequestRecord) => void): { plain: HttpServer; tls: HttpsServer } {
  const handler = createRequestHandler(
    { mode: config.mode, matcher: d.matcher, store: d.store, fills: d.fills, readBufferBytes: config.store.readBufferBytes, log: log.child({ mod: 'http' }), ownPaths: trustPaths(config.certsDir), siteSettings: { aptMetadataMaxAgeMs: config.apt.metadataMaxAgeSeconds * 1000, charmOciRegistry: config.charm.ociRegistry }, apiCall: apiCaller(d.dispatcher, { timeoutMs: config.upstream.apiTimeoutMs, maxBytes: API_ANSWER_MAX_BYTES }) },
    onDone,
  );
  // Node checks header and request timeouts on this interval: a fraction of the shortest one.
  const checking = { connectionsCheckingInterval: Math.max(250, Math.min(config.http.headersTimeoutMs, 30_000) / 4) };
  const plain = createServer(checking, handler);
  // A silent TLS connection gets as long as a slow request's headers (node's default is 120 s).
  const tls = createTlsDoor(d.matcher, d.issuer, handler, log.child({ mod: 'tls' }), { ...checking, handshakeTimeout: config.http.headersTimeoutMs });
  const perClient = new Map<string, number>();
  guardConnections(plain, config.http, perClient);
  guardConnections(tls, config.http, perClient);
  interceptConnect(plain, tls, d.matcher, log.child({ mod: 'connect' }));
  return { plain, tls };
}

export function listen(server: HttpServer, host: string, port: number, door: string): Promise<void> {
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

export function listenFailure(err: NodeJS.ErrnoException, host: string, port: number, door: string): string {
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

export function portOf(server: HttpServer): number {
  return (server.address() as AddressInfo).port;
}

export function closeServer(server: HttpServer): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
