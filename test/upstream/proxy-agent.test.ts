import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createProxyAgent, overridingLookup } from '../../src/upstream/proxy-agent.js';
import { upstreamGet } from '../../src/upstream/get.js';
import { RangeUpstream } from '../helpers/range-upstream.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A forward proxy that sends every absolute-form request to one origin and records what it was asked. */
async function fakeProxy(originPort: number): Promise<{ port: number; seen: string[] }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const u = new URL(req.url!);
    const fwd = httpRequest({ host: '127.0.0.1', port: originPort, path: u.pathname, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode!, up.headers);
      up.pipe(res);
    });
    req.pipe(fwd);
  });
  server.on('connect', (req, socket: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return { port: (server.address() as AddressInfo).port, seen };
}

const timeouts = { connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 };

describe('createProxyAgent', () => {
  it('asks the proxy for plain-HTTP URLs in absolute form; the proxy resolves the upstream name', async () => {
    const up = new RangeUpstream().put('/x', 'through the proxy');
    const upPort = await up.listen();
    closers.push(() => up.close());
    const proxy = await fakeProxy(upPort);
    const agent = createProxyAgent({ proxyUrl: `http://proxy.site.test:${proxy.port}`, upstreamResolve: { 'proxy.site.test': '127.0.0.1' }, ...timeouts });
    closers.push(() => agent.close());
    const r = await upstreamGet(agent, 'http://images.maas.io/x');
    let body = '';
    for await (const c of r.chunks()) body += c.toString();
    expect(body).toBe('through the proxy');
    expect(proxy.seen).toEqual(['GET http://images.maas.io/x']);
  });

  it('tunnels HTTPS with CONNECT, so TLS is still checked against the upstream', async () => {
    const proxy = await fakeProxy(1);
    const agent = createProxyAgent({ proxyUrl: `http://127.0.0.1:${proxy.port}`, upstreamResolve: {}, ...timeouts });
    closers.push(() => agent.close());
    await expect(upstreamGet(agent, 'https://api.snapcraft.io/v2/x')).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM' });
    expect(proxy.seen).toEqual(['CONNECT api.snapcraft.io:443']);
  });

  it('refuses a proxy that is not an http(s) URL', () => {
    expect(() => createProxyAgent({ proxyUrl: 'socks5://x:1', upstreamResolve: {}, ...timeouts })).toThrow(/expected http:\/\/HOST:PORT/);
    expect(() => createProxyAgent({ proxyUrl: 'not a url', upstreamResolve: {}, ...timeouts })).toThrow(/not a URL/);
  });
});

describe('overridingLookup', () => {
  it('answers overridden names with their address and leaves others to the system', async () => {
    const lookup = overridingLookup({ 'proxy.test': '10.1.2.3:3128', v6: '[::1]:80' });
    const one = await new Promise((r) => lookup('PROXY.test', {}, (_e, address, family) => r([address, family])));
    expect(one).toEqual(['10.1.2.3', 4]);
    const all = await new Promise((r) => lookup('v6', { all: true }, (_e, addresses) => r(addresses)));
    expect(all).toEqual([{ address: '::1', family: 6 }]);
    const sys = await new Promise((r) => lookup('localhost', {}, (e, address) => r(e ? 'error' : typeof address)));
    expect(sys).toBe('string');
  });
});
