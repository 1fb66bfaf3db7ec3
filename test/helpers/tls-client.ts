import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';

export interface TlsResult {
  cert: PeerCertificate;
  response: string;
}

/** A TLS client trusting only the given CA: one GET over it, the raw answer and the peer certificate. */
export function tlsGet(opts: { port?: number; socket?: Duplex; servername: string; ca: string; path?: string }): Promise<TlsResult> {
  return new Promise((resolve, reject) => {
    let secured = false;
    const s: TLSSocket = tlsConnect({ host: '127.0.0.1', port: opts.port, socket: opts.socket, servername: opts.servername, ca: opts.ca }, () => {
      secured = true;
      s.write(`GET ${opts.path ?? '/'} HTTP/1.1\r\nHost: ${opts.servername}\r\nConnection: close\r\n\r\n`);
    });
    let out = '';
    s.on('data', (d) => (out += d.toString()));
    s.on('end', () => (secured ? resolve({ cert: s.getPeerCertificate(), response: out }) : reject(new Error('closed before the handshake completed'))));
    s.on('error', reject);
  });
}
