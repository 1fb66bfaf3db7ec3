// CONNECT on the plain door (explicit proxy use: squid as a cache peer, Acquire::http::Proxy,
// https_proxy): for a configured host the tunnel is terminated here with the same certificates,
// so the same cache answers; any other host is refused, never relayed.
import type { IncomingMessage, Server } from 'node:http';
import type { Server as TlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { HostMatcher } from '../config/host-groups.js';
import type { Logger } from '../log.js';

export function interceptConnect(plain: Server, tls: TlsServer, matcher: HostMatcher, log: Logger): void {
  plain.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = req.url ?? '';
    const m = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(target);
    const host = m?.[1]?.toLowerCase();
    const port = Number(m?.[2]);
    if (!host || !matcher.match(host) || (port !== 443 && port !== 80)) {
      log.info({ target }, 'CONNECT refused');
      const body = `airgap-cache refuses CONNECT to ${target.slice(0, 300)}\n`;
      socket.end(
        'HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nx-airgap-cache-error: AGC_ERR_HOST_REFUSED\r\n' +
          `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
      );
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    (port === 443 ? tls : plain).emit('connection', socket);
  });
}
