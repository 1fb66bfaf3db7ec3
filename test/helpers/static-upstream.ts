// A plain static web server over a directory, like an upstream mirror: Content-Length, a
// Last-Modified from the file, 404 for anything missing. Counts requests per path.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { closeServer, listenOn } from './loopback-server.js';

export class StaticUpstream {
  readonly hits = new Map<string, number>();
  private server: Server | undefined;

  constructor(public root: string) {}

  get total(): number {
    return [...this.hits.values()].reduce((a, b) => a + b, 0);
  }

  async listen(port: number, host: string): Promise<number> {
    this.server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const file = join(this.root, normalize(path).replace(/^(\.\.[/\\])+/, ''));
      let size: number;
      let mtime: Date;
      try {
        const st = statSync(file);
        if (!st.isFile()) throw new Error('not a file');
        size = st.size;
        mtime = st.mtime;
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      res.writeHead(200, { 'content-length': String(size), 'last-modified': mtime.toUTCString(), 'content-type': 'application/octet-stream' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    });
    return listenOn(this.server, port, host);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }
}
