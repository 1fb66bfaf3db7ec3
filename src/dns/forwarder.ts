// Relays queries for names that are not ours to the site's own resolvers, tried in order. Each
// relayed query gets a fresh random ID, and only a reply from the server it was sent to, with that
// ID and the same question, is accepted; the client's ID is then put back and the reply passed on
// unchanged. UDP clients are relayed over UDP, TCP clients over TCP.
import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { connect, isIP, type Socket as TcpSocket } from 'node:net';
import type { Logger } from '../log.js';
import { HEADER_LEN } from './query.js';
import { frame, FrameReader } from './tcp-frames.js';

export interface ForwardServer {
  address: string;
  port: number;
}

interface Pending {
  server: ForwardServer;
  query: Buffer;
  questionEnd: number;
  timer: NodeJS.Timeout;
  settle(reply: Buffer | undefined): void;
}

export class Forwarder {
  private readonly sockets = new Map<number, Socket>();
  private readonly pending = new Map<number, Pending>();
  private readonly tcp = new Set<TcpSocket>();
  private closed = false;

  constructor(
    private readonly servers: readonly ForwardServer[],
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly maxPending = 4096,
  ) {}

  /** The upstream reply with the client's ID restored, or undefined when every server failed. */
  async forward(query: Buffer, questionEnd: number, transport: 'udp' | 'tcp'): Promise<Buffer | undefined> {
    for (const server of this.servers) {
      if (this.closed) return undefined;
      const reply = transport === 'udp' ? await this.viaUdp(server, query, questionEnd) : await this.viaTcp(server, query, questionEnd);
      if (reply) {
        reply.writeUInt16BE(query.readUInt16BE(0), 0);
        return reply;
      }
    }
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) p.settle(undefined);
    for (const s of this.tcp) s.destroy();
    await Promise.all([...this.sockets.values()].map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.sockets.clear();
  }

  private viaUdp(server: ForwardServer, query: Buffer, questionEnd: number): Promise<Buffer | undefined> {
    if (this.pending.size >= this.maxPending) return Promise.resolve(undefined);
    let id: number;
    do id = randomInt(0x10000);
    while (this.pending.has(id));
    const out = Buffer.from(query);
    out.writeUInt16BE(id, 0);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.log.debug({ server: `${server.address}:${server.port}` }, 'forwarder did not answer in time');
        settle(undefined);
      }, this.timeoutMs);
      const settle = (reply: Buffer | undefined): void => {
        if (this.pending.get(id)?.timer !== timer) return;
        clearTimeout(timer);
        this.pending.delete(id);
        resolve(reply);
      };
      this.pending.set(id, { server, query, questionEnd, timer, settle });
      this.socketFor(server).send(out, server.port, server.address, (err) => {
        if (!err) return;
        this.log.debug({ err, server: `${server.address}:${server.port}` }, 'cannot send to forwarder');
        settle(undefined);
      });
    });
  }

  private socketFor(server: ForwardServer): Socket {
    const family = isIP(server.address) === 6 ? 6 : 4;
    let socket = this.sockets.get(family);
    if (!socket) {
      socket = createSocket(family === 6 ? 'udp6' : 'udp4');
      socket.on('message', (msg, rinfo) => this.onUdpReply(msg, rinfo));
      socket.on('error', (err) => this.log.warn({ err }, 'forwarder socket error'));
      this.sockets.set(family, socket);
    }
    return socket;
  }

  private onUdpReply(msg: Buffer, rinfo: RemoteInfo): void {
    if (msg.length < HEADER_LEN) return;
    const p = this.pending.get(msg.readUInt16BE(0));
    if (!p || rinfo.address !== p.server.address || rinfo.port !== p.server.port) return;
    if (isReplyTo(msg, p.query, p.questionEnd)) p.settle(msg);
  }

  private viaTcp(server: ForwardServer, query: Buffer, questionEnd: number): Promise<Buffer | undefined> {
    const id = randomInt(0x10000);
    const out = Buffer.from(query);
    out.writeUInt16BE(id, 0);
    return new Promise((resolve) => {
      const socket = connect({ host: server.address, port: server.port });
      this.tcp.add(socket);
      const frames = new FrameReader();
      let settled = false;
      const settle = (reply: Buffer | undefined): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.tcp.delete(socket);
        socket.destroy();
        resolve(reply);
      };
      const timer = setTimeout(() => settle(undefined), this.timeoutMs);
      socket.on('connect', () => socket.write(frame(out)));
      socket.on('data', (chunk: Buffer) => {
        for (const msg of frames.push(chunk)) {
          if (msg.length >= HEADER_LEN && msg.readUInt16BE(0) === id && isReplyTo(msg, query, questionEnd)) settle(Buffer.from(msg));
        }
      });
      socket.on('error', (err) => {
        this.log.debug({ err, server: `${server.address}:${server.port}` }, 'forwarder TCP error');
        settle(undefined);
      });
      socket.on('close', () => settle(undefined));
    });
  }
}

/** A response to our query: QR set, and the same question (names compared without case), or none at all. */
function isReplyTo(msg: Buffer, query: Buffer, questionEnd: number): boolean {
  if ((msg[2]! & 0x80) === 0) return false;
  const qdcount = msg.readUInt16BE(4);
  if (qdcount === 0) return (msg[3]! & 0x0f) !== 0;
  if (qdcount !== 1 || msg.length < questionEnd) return false;
  for (let i = HEADER_LEN; i < questionEnd - 4; i++) if (lower(msg[i]!) !== lower(query[i]!)) return false;
  return msg.readUInt32BE(questionEnd - 4) === query.readUInt32BE(questionEnd - 4);
}

function lower(b: number): number {
  return b >= 0x41 && b <= 0x5a ? b | 0x20 : b;
}
