// TLS door: a certificate for exactly the server name the client asks for, issued on demand by the
// appliance CA, only for names a host group serves. No SNI or an unknown name: no certificate.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HostMatcher } from '../config/host-groups.js';
import { normalizeHost } from '../config/host-groups.js';
import { AgcError } from '../errors.js';
import type { Logger } from '../log.js';
import type { LeafIssuer } from '../tls/leaf-issuer.js';

export function createTlsDoor(
  matcher: HostMatcher,
  issuer: LeafIssuer,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  log: Logger,
  /** handshakeTimeout: node's default (120 s) would let silent connections pile up; the caller sets it. */
  serverOptions: { connectionsCheckingInterval?: number; handshakeTimeout?: number } = {},
): Server {
  const server = createServer(
    {
      ...serverOptions,
      minVersion: 'TLSv1.2',
      SNICallback: (servername, cb) => {
        const name = normalizeHost(servername);
        if (!matcher.match(name)) {
          log.debug({ servername }, 'TLS name refused');
          cb(new AgcError('AGC_ERR_TLS_NAME', `no host group serves ${servername}`, { subject: servername }));
          return;
        }
        try {
          cb(null, issuer.contextFor(name));
        } catch (err) {
          log.error({ servername, err: (err as Error).message }, 'cannot issue a leaf certificate');
          cb(err as Error);
        }
      },
    },
    handler,
  );
  server.on('tlsClientError', (err) => log.debug({ err: err.message }, 'TLS handshake failed'));
  return server;
}
