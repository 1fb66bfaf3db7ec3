// Test helpers on real loopback sockets: a client for UDP and TCP, and a scriptable fake resolver
// that stands in for the site's DNS server.
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { connect, createServer, type Server } from 'node:net';
import { frame, FrameReader } from '../../src/dns/tcp-frames.js';

export function udpAsk(port: number, msg: Buffer, opts: { host?: string; timeoutMs?: number } = {}): Promise<Buffer | undefined> {
  const host = opts.host ?? '127.0.0.1';
  return new Promise((resolve) => {
    const s = createSocket(host.includes(':') ? 'udp6' : 'udp4');
    const done = (r: Buffer | undefined) => {
      clearTimeout(t);
      s.close();
      resolve(r);
    };
    const t = setTimeout(() => done(undefined), opts.timeoutMs ?? 2000);
    s.on('message', (m) => done(m));
    s.send(msg, port, host);
  });
}

/** Sends `msgs` on one connection (in one write unless `separately`) and collects `expect` replies. */
export function tcpAsk(port: number, msgs: Buffer[], opts: { expect?: number; separately?: boolean; end?: boolean; timeoutMs?: number } = {}): Promise<{ replies: Buffer[]; closed: boolean }> {
  const want = opts.expect ?? msgs.length;
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    const frames = new FrameReader();
    const replies: Buffer[] = [];
    let closed = false;
    const finish = () => {
      clearTimeout(t);
      sock.destroy();
      resolve({ replies, closed });
    };
    const t = setTimeout(finish, opts.timeoutMs ?? 3000);
    sock.on('connect', () => {
      if (opts.separately) for (const m of msgs) sock.write(frame(m));
      else sock.write(Buffer.concat(msgs.map(frame)));
      if (opts.end) sock.end();
    });
    sock.on('data', (c: Buffer) => {
      replies.push(...frames.push(c).map((m) => Buffer.from(m)));
      if (replies.length >= want && want > 0) finish();
    });
    sock.on('close', () => {
      closed = true;
      finish();
    });
    sock.on('error', () => undefined);
  });
}

export type FakeHandler = (query: Buffer, transport: 'udp' | 'tcp', rinfo: RemoteInfo | undefined) => Buffer | undefined | Promise<Buffer | undefined>;

export interface FakeResolver {
  address: string;
  port: number;
  udp: Socket;
  received: { query: Buffer; transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

/** Port 0 picks a port free for both UDP and TCP. */
export async function startFakeResolver(handler: FakeHandler, address = '127.0.0.1', fixedPort = 0): Promise<FakeResolver> {
  for (;;) {
    const udp = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(fixedPort, address, () => r()));
    const port = udp.address().port;
    const received: FakeResolver['received'] = [];
    const tcp: Server = createServer((sock) => {
      const frames = new FrameReader();
      sock.on('data', async (c: Buffer) => {
        for (const q of frames.push(c)) {
          received.push({ query: Buffer.from(q), transport: 'tcp' });
          const out = await handler(Buffer.from(q), 'tcp', undefined);
          if (out && !sock.destroyed) sock.write(frame(out));
        }
      });
      sock.on('error', () => undefined);
    });
    const ok = await new Promise<boolean>((r) => {
      tcp.once('error', () => r(false));
      tcp.listen(port, address, () => r(true));
    });
    if (!ok) {
      udp.close();
      if (fixedPort !== 0) throw new Error(`fake resolver: TCP ${address}:${fixedPort} is taken`);
      continue;
    }
    udp.on('message', async (q, rinfo) => {
      received.push({ query: q, transport: 'udp' });
      const out = await handler(q, 'udp', rinfo);
      if (out) udp.send(out, rinfo.port, rinfo.address);
    });
    return {
      address,
      port,
      udp,
      received,
      close: () => Promise.all([new Promise<void>((r) => udp.close(() => r())), new Promise<void>((r) => tcp.close(() => r()))]).then(() => undefined),
    };
  }
}

/** The name (as sent) and type of a query's question. */
export function questionOf(query: Buffer): { name: string; type: number } {
  const labels: string[] = [];
  let o = 12;
  while (query[o] !== 0) {
    labels.push(query.toString('latin1', o + 1, o + 1 + query[o]!));
    o += 1 + query[o]!;
  }
  return { name: labels.join('.'), type: query.readUInt16BE(o + 1) };
}

/** A plain resolver's answer: the query's header and question, QR/RA set, then one A record (none for `nodata`). */
export function answerWithA(query: Buffer, ip: string, opts: { rcode?: number; extra?: number; nodata?: boolean } = {}): Buffer {
  let end = 12;
  while (query[end] !== 0) end += 1 + query[end]!;
  end += 5;
  const head = Buffer.from(query.subarray(0, end));
  head[2] = 0x80 | (query[2]! & 0x01);
  head[3] = 0x80 | (opts.rcode ?? 0);
  const rcode = opts.rcode ?? 0;
  head.writeUInt16BE(rcode === 0 && !opts.nodata ? 1 + (opts.extra ?? 0) : 0, 6);
  head.writeUInt32BE(0, 8);
  if (rcode !== 0 || opts.nodata) return head;
  const rr = Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 30, 0, 4, ...ip.split('.').map(Number)]);
  return Buffer.concat([head, ...Array.from({ length: 1 + (opts.extra ?? 0) }, () => rr)]);
}
