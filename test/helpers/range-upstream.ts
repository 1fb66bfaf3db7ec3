// A fake upstream for seeding tests: serves fixed objects with ETag, Last-Modified and single
// Range / If-Range support, counts requests and body bytes per path, and can be slowed down so a
// test can interrupt a download halfway.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { closeServer, listenOn } from './loopback-server.js';

export interface RangeObject {
  body: Buffer;
  contentType?: string;
  lastModified?: Date;
  /** Bytes per second; unlimited when absent. */
  rate?: number;
  /** Answer this status instead (no body). */
  status?: number;
  /** Close the connection after this many body bytes (once; later requests are served whole). */
  dieAfter?: number;
}

export interface Served {
  path: string;
  range: string | undefined;
  status: number;
  bytes: number;
  complete: boolean;
}

export class RangeUpstream {
  readonly objects = new Map<string, RangeObject>();
  readonly served: Served[] = [];
  private server: Server | undefined;

  put(path: string, obj: RangeObject | Buffer | string): this {
    this.objects.set(path, Buffer.isBuffer(obj) || typeof obj === 'string' ? { body: Buffer.from(obj) } : obj);
    return this;
  }

  /** Requests for a path (all, or only those that sent the whole body). */
  count(path: string, opts: { complete?: boolean } = {}): number {
    return this.served.filter((s) => s.path === path && (!opts.complete || s.complete)).length;
  }

  bytes(path: string): number {
    return this.served.filter((s) => s.path === path).reduce((n, s) => n + s.bytes, 0);
  }

  async listen(host = '127.0.0.1', port = 0): Promise<number> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return listenOn(this.server, port, host);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!;
    const obj = this.objects.get(path);
    const record: Served = { path, range: req.headers.range, status: 404, bytes: 0, complete: false };
    this.served.push(record);
    if (!obj) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here\n');
      return;
    }
    if (obj.status) {
      record.status = obj.status;
      res.writeHead(obj.status).end();
      return;
    }
    const etag = `"${createHash('sha256').update(obj.body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': obj.contentType ?? 'application/octet-stream', etag, 'accept-ranges': 'bytes' };
    if (obj.lastModified) headers['last-modified'] = obj.lastModified.toUTCString();
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (m && (!ifRange || ifRange === etag)) {
      start = Number(m[1]);
      if (start >= obj.body.length) {
        record.status = 416;
        res.writeHead(416, { 'content-range': `bytes */${obj.body.length}` }).end();
        return;
      }
      headers['content-range'] = `bytes ${start}-${obj.body.length - 1}/${obj.body.length}`;
    }
    record.status = start > 0 ? 206 : 200;
    if (obj.body.length === 0) record.complete = true;
    headers['content-length'] = String(obj.body.length - start);
    res.writeHead(record.status, headers);
    const die = obj.dieAfter;
    obj.dieAfter = undefined;
    const step = obj.rate ? Math.max(1, Math.floor(obj.rate / 20)) : 1 << 20;
    for (let off = start; off < obj.body.length; off += step) {
      if (res.destroyed) return;
      const end = Math.min(off + step, obj.body.length, die === undefined ? Infinity : start + die);
      const chunk = obj.body.subarray(off, end);
      record.bytes += chunk.length;
      if (end === obj.body.length) record.complete = true;
      if (!res.write(chunk)) await new Promise((r) => res.once('drain', r));
      if (die !== undefined && end >= start + die) {
        res.socket?.destroy();
        return;
      }
      if (obj.rate) await new Promise((r) => setTimeout(r, 50));
    }
    res.end();
  }
}
