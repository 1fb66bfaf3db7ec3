// Limits that keep one client (or a slowloris) from starving the rest: a cap on open connections
// per client address, and the server timeouts for headers, whole requests and idle keep-alive.
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  maxConnectionsPerClient: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/** Applies the limits to a door; the per-client count is shared by every door given the same map. */
export function guardConnections(server: HttpServer, limits: ConnectionLimits, perClient: Map<string, number>): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  // Node checks the header and request timeouts on this interval: keep it well below them.
  server.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? '?';
    const n = (perClient.get(client) ?? 0) + 1;
    if (n > limits.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    perClient.set(client, n);
    socket.once('close', () => {
      const left = (perClient.get(client) ?? 1) - 1;
      if (left <= 0) perClient.delete(client);
      else perClient.set(client, left);
    });
  });
}
