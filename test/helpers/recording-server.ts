// What the fake stores share: an HTTP or HTTPS server on loopback that records every request
// (method, URL, headers, body) before its subclass answers it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export abstract class RecordingServer {
  readonly requests: SeenRequest[] = [];
  private server: Server | undefined;

  count(pathPrefix: string): number {
    return this.requests.filter((r) => r.url.startsWith(pathPrefix)).length;
  }

  async listen(port = 0, host = '127.0.0.1', tls?: { cert: string; key: string }): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body });
        this.handle(req, body, res);
      });
    };
    this.server = tls ? createHttpsServer(tls, handler) : createServer(handler);
    await new Promise<void>((r) => this.server!.listen(port, host, r));
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server!.close(() => r()));
  }

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): void;
}
