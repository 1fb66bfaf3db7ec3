// Binds the responder to UDP and TCP on the same address and port (port 0 picks one free for both).
import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns';
import { isIP, type Server } from 'node:net';
import type { Logger } from '../log.js';
import type { Responder } from './responder.js';
import { createTcpDoor } from './tcp-door.js';
import { serveUdp } from './udp-door.js';

export interface DnsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Which transport could not bind, with the system error, so the caller can say why in one line. */
export class DnsBindError extends Error {
  constructor(
    readonly transport: 'UDP' | 'TCP',
    readonly errno: NodeJS.ErrnoException,
  ) {
    super(`DNS ${transport}: ${errno.message}`, { cause: errno });
    this.name = 'DnsBindError';
  }
}

const RECV_BUFFER = 4 * 1024 * 1024;
const PORT_ZERO_ATTEMPTS = 5;

export async function startDnsServer(host: string, port: number, responder: Responder, log: Logger): Promise<DnsServer> {
  for (let attempt = 1; ; attempt++) {
    const udp = createSocket({ type: isIP(host) === 6 ? 'udp6' : 'udp4', lookup: literalLookup });
    await bindUdp(udp, host, port);
    const bound = udp.address().port;
    const tcp = createTcpDoor(responder, log);
    try {
      await listenTcp(tcp.server, host, bound);
    } catch (err) {
      await new Promise<void>((r) => udp.close(() => r()));
      // With port 0 the kernel chose the UDP port; its TCP twin may be taken, so choose again.
      if (port === 0 && (err as DnsBindError).errno.code === 'EADDRINUSE' && attempt < PORT_ZERO_ATTEMPTS) continue;
      throw err;
    }
    try {
      udp.setRecvBufferSize(RECV_BUFFER);
    } catch {
      // Capped by net.core.rmem_max; the default buffer still works, it only drops sooner in bursts.
    }
    serveUdp(udp, responder, log);
    return {
      port: bound,
      close: () => closeBoth(udp, tcp.server, tcp.closeAll),
    };
  }
}

/**
 * Replies only ever go to rinfo.address, an IP literal, which the default dns.lookup would still
 * answer a tick later on every send: a measurable share of the cost per query. Names (a `listen`
 * given as a host name) still go through dns.lookup.
 */
function literalLookup(address: string, options: unknown, callback: (err: NodeJS.ErrnoException | null, address: string, family: number) => void): void {
  const family = isIP(address);
  if (family !== 0) callback(null, address, family);
  else lookup(address, { family: udpFamily(options) }, callback);
}

function udpFamily(options: unknown): 4 | 6 {
  return options === 6 || (typeof options === 'object' && options !== null && (options as { family?: unknown }).family === 6) ? 6 : 4;
}

function bindUdp(socket: Socket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(new DnsBindError('UDP', err));
    socket.once('error', onError);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function listenTcp(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => reject(new DnsBindError('TCP', err));
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

async function closeBoth(udp: Socket, tcp: Server, closeConnections: () => void): Promise<void> {
  const tcpClosed = new Promise<void>((r) => tcp.close(() => r()));
  closeConnections();
  await Promise.all([new Promise<void>((r) => udp.close(() => r())), tcpClosed]);
}

