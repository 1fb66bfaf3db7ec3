// The admin door: never on the public ports. /healthz says the process is alive, /readyz that
// every listener is up, the store readable and the CA loaded; both stay open to probes. Every other
// route (status page, metrics, misses) asks for admin.token when one is set.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../log.js';
import { challenge, tokenAccepted } from '../ops/admin-auth.js';

export type AdminRoute = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface AdminChecks {
  ready: () => { ok: boolean; detail: Record<string, boolean> };
  routes?: Record<string, AdminRoute>;
  /** '' (or absent): no token asked for. */
  token?: string;
  log?: Logger;
}

export function createAdminDoor(checks: AdminChecks): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const r = checks.ready();
      res.writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(r) + '\n');
      return;
    }
    const route = Object.hasOwn(checks.routes ?? {}, path) ? checks.routes![path] : undefined;
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method Not Allowed\n');
      return;
    }
    if (!tokenAccepted(req.headers.authorization, checks.token ?? '')) {
      res.writeHead(401, { 'www-authenticate': challenge, 'content-type': 'text/plain' }).end('the admin door asks for its token: Authorization: Bearer TOKEN\n');
      return;
    }
    Promise.resolve()
      .then(() => route(req, res))
      .catch((err: unknown) => {
        checks.log?.warn({ path, err: (err as Error).message }, 'admin route failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error\n');
        else res.destroy();
      });
  });
}
