// The admin door: never on the public ports. /healthz says the process is alive, /readyz that
// every listener is up, the store readable and the CA loaded.
import { createServer, type Server } from 'node:http';

export interface AdminChecks {
  ready: () => { ok: boolean; detail: Record<string, boolean> };
}

export function createAdminDoor(checks: AdminChecks): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const r = checks.ready();
      res.writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(r) + '\n');
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n');
  });
}
