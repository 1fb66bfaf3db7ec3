// Starting and stopping the tests' stand-in servers: listen on loopback (any free port unless
// told), and close with every kept-alive connection dropped so a test never waits on a client.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens and resolves with the port. */
export async function listenOn(server: Server, port = 0, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((r) => server.listen(port, host, r));
  return (server.address() as AddressInfo).port;
}

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
}
