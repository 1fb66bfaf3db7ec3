import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readRequestBody } from '../../src/http/request-body.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** Sends one request to a server that reads its body with the given limit; returns what it read or the error code. */
async function roundTrip(method: string, body: Buffer | undefined, limit: number, headers: Record<string, string> = {}): Promise<string> {
  const srv = createServer((req: IncomingMessage, res) => {
    readRequestBody(req, limit).then(
      (b) => res.end(b === undefined ? 'none' : `read ${b.length}: ${b.toString().slice(0, 20)}`),
      (err: { code?: string; status?: number }) => {
        res.writeHead(err.status ?? 500, { connection: 'close' });
        res.end(String(err.code));
      },
    );
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }));
  const port = (srv.address() as AddressInfo).port;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: '/', headers }, (res) => {
      let out = '';
      res.on('data', (d: Buffer) => (out += d.toString()));
      res.on('end', () => resolve(`${res.statusCode} ${out}`));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('readRequestBody', () => {
  it('reads a POST body whole', async () => {
    expect(await roundTrip('POST', Buffer.from('{"context":[]}'), 100)).toBe('200 read 14: {"context":[]}');
  });

  it('never reads GET or HEAD', async () => {
    expect(await roundTrip('GET', undefined, 100)).toBe('200 none');
  });

  it('refuses a body over the limit with 413, whether announced or sent chunked', async () => {
    expect(await roundTrip('POST', Buffer.alloc(500, 97), 100)).toBe('413 AGC_ERR_BODY_TOO_LARGE');
    expect(await roundTrip('POST', Buffer.alloc(500, 97), 100, { 'transfer-encoding': 'chunked' })).toBe('413 AGC_ERR_BODY_TOO_LARGE');
  });
});
