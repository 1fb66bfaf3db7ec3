import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { callUpstream } from '../../src/upstream/api-call.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function server(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const dispatcher = createUpstreamAgent({ upstreamResolve: { 'api.snapcraft.io': `127.0.0.1:${port}` }, connectTimeoutMs: 1000, headersTimeoutMs: 5000, bodyTimeoutMs: 5000 });
  closers.push(() => new Promise<void>((r) => { srv.closeAllConnections(); srv.close(() => r()); }), () => dispatcher.close());
  return { base: `http://api.snapcraft.io:${port}`, dispatcher };
}

describe('callUpstream', () => {
  it('sends the method, headers and body, and returns status, lower-case headers and the whole body', async () => {
    const { base, dispatcher } = await server((req, body, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Snap-Store-Version': '61' });
      res.end(JSON.stringify({ method: req.method, ct: req.headers['content-type'], arch: req.headers['snap-device-architecture'], ae: req.headers['accept-encoding'], body }));
    });
    const r = await callUpstream(dispatcher, { method: 'POST', url: `${base}/v2/snaps/refresh`, headers: { 'content-type': 'application/json', 'snap-device-architecture': 'armhf' }, body: Buffer.from('{"context":[]}') }, { timeoutMs: 2000, maxBytes: 1 << 20 });
    expect(r.status).toBe(200);
    expect(r.headers['snap-store-version']).toBe('61');
    expect(JSON.parse(r.body.toString())).toEqual({ method: 'POST', ct: 'application/json', arch: 'armhf', ae: 'identity', body: '{"context":[]}' });
  });

  it('an answer larger than the limit is an upstream error', async () => {
    const { base, dispatcher } = await server((_req, _body, res) => res.end('x'.repeat(5000)));
    await expect(callUpstream(dispatcher, { method: 'GET', url: `${base}/big`, headers: {} }, { timeoutMs: 2000, maxBytes: 1000 })).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM' });
  });

  it('one deadline for the whole exchange: a slow upstream is a timeout error', async () => {
    const { base, dispatcher } = await server((_req, _body, res) => {
      res.writeHead(200);
      res.write('partial');
      setTimeout(() => res.end('late'), 1500);
    });
    const started = Date.now();
    await expect(callUpstream(dispatcher, { method: 'GET', url: `${base}/slow`, headers: {} }, { timeoutMs: 300, maxBytes: 1000 })).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM_TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(1200);
  });

  it('an unreachable upstream is an upstream error naming the URL', async () => {
    const dispatcher = createUpstreamAgent({ upstreamResolve: { 'api.snapcraft.io': '127.0.0.1:1' }, connectTimeoutMs: 500, headersTimeoutMs: 500, bodyTimeoutMs: 500 });
    closers.push(() => dispatcher.close());
    await expect(callUpstream(dispatcher, { method: 'GET', url: 'http://api.snapcraft.io:1/x', headers: {} }, { timeoutMs: 2000, maxBytes: 10 })).rejects.toThrow(/api\.snapcraft\.io:1\/x/);
  });
});
