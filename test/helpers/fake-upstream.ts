// A local stand-in for an upstream service: serves what a test puts in it, counts every request,
// and can misbehave on purpose (die mid-body, stall, answer an error).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { closeServer, listenOn } from './loopback-server.js';

export interface FakeObject {
  body: Buffer;
  contentType?: string;
  lastModified?: Date;
  /** Send this many bytes, then destroy the connection. */
  dieAfter?: number;
  /** Wait this long before the response headers. */
  delayMs?: number;
  /** Send the body in chunks this far apart, ms. */
  dripMs?: number;
  status?: number;
  /** Omit Content-Length (chunked transfer). */
  chunked?: boolean;
}

export class FakeUpstream {
  readonly objects = new Map<string, FakeObject>();
  readonly hits = new Map<string, number>();
  readonly requests: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
  private server: Server | undefined;

  put(path: string, obj: FakeObject | Buffer | string): this {
    const o = Buffer.isBuffer(obj) || typeof obj === 'string' ? { body: Buffer.from(obj) } : obj;
    this.objects.set(path, o);
    return this;
  }

  count(path: string): number {
    return this.hits.get(path) ?? 0;
  }

  /** Listens on plain HTTP, or HTTPS when given a certificate and key. */
  async listen(port = 0, host = '127.0.0.1', tls?: { cert: string; key: string }): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    this.server = tls ? createHttpsServer(tls, handler) : createServer(handler);
    return listenOn(this.server, port, host);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    this.hits.set(path, this.count(path) + 1);
    const obj = this.objects.get(path);
    if (!obj) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here\n');
      return;
    }
    if (obj.delayMs) await sleep(obj.delayMs);
    const headers: Record<string, string> = { 'content-type': obj.contentType ?? 'application/octet-stream' };
    if (obj.lastModified) headers['last-modified'] = obj.lastModified.toUTCString();
    if (!obj.chunked) headers['content-length'] = String(obj.body.length);
    res.writeHead(obj.status ?? 200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const limit = obj.dieAfter ?? obj.body.length;
    const step = obj.dripMs ? Math.max(1, Math.ceil(obj.body.length / 20)) : limit;
    for (let off = 0; off < limit; off += step) {
      const chunk = obj.body.subarray(off, Math.min(off + step, limit));
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      if (obj.dripMs) await sleep(obj.dripMs);
    }
    if (obj.dieAfter !== undefined) {
      res.socket?.destroy();
      return;
    }
    res.end();
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
