// What the fake stores share: an HTTP or HTTPS server on loopback that records every request
// (method, URL, headers, body) before its subclass answers it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { closeServer, listenOn } from './loopback-server.js';

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
    return listenOn(this.server, port, host);
  }

  async close(): Promise<void> {
    await closeServer(this.server);
  }

  protected abstract handle(req: IncomingMessage, body: string, res: ServerResponse): void;
}
