import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { upstreamGet } from '../../src/upstream/get.js';
import { RangeUpstream } from '../helpers/range-upstream.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function setup() {
  const up = new RangeUpstream();
  const port = await up.listen();
  const dispatcher = createUpstreamAgent({ upstreamResolve: { 'images.maas.io': `127.0.0.1:${port}` }, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 });
  closers.push(() => up.close(), () => dispatcher.close());
  return { up, dispatcher, base: `http://images.maas.io:${port}` };
}

async function text(chunks: AsyncGenerator<Buffer>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c.toString();
  return s;
}

describe('upstreamGet', () => {
  it('returns status, metadata and the body, asking for the identity encoding', async () => {
    const { up, dispatcher, base } = await setup();
    up.put('/x', { body: Buffer.from('hello'), contentType: 'text/plain', lastModified: new Date('2025-01-01T00:00:00Z') });
    const r = await upstreamGet(dispatcher, `${base}/x`);
    expect(r).toMatchObject({ status: 200, contentType: 'text/plain', contentLength: 5, lastModified: Date.parse('2025-01-01T00:00:00Z'), range: undefined });
    expect(r.etag).toMatch(/^"/);
    expect(await text(r.chunks())).toBe('hello');
  });

  it('asks for the rest of an object only with a validator, and reads the Content-Range', async () => {
    const { up, dispatcher, base } = await setup();
    up.put('/x', 'hello world');
    const first = await upstreamGet(dispatcher, `${base}/x`);
    await first.dump();
    const rest = await upstreamGet(dispatcher, `${base}/x`, { from: 6, ifRange: first.etag });
    expect(rest).toMatchObject({ status: 206, range: { start: 6, end: 10, total: 11 } });
    expect(await text(rest.chunks())).toBe('world');
    const noValidator = await upstreamGet(dispatcher, `${base}/x`, { from: 6 });
    expect(noValidator.status).toBe(200);
    await noValidator.dump();
    expect(up.served.map((s) => s.range)).toEqual([undefined, 'bytes=6-', undefined]);
  });

  it('refuses a compressed answer, and turns a broken body into a typed error naming the URL', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/gz') res.writeHead(200, { 'content-encoding': 'gzip' }).end('x');
      else {
        res.writeHead(200, { 'content-length': '100' });
        res.write('partial');
        setTimeout(() => res.socket?.destroy(), 20);
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const dispatcher = createUpstreamAgent({ upstreamResolve: { 'images.maas.io': `127.0.0.1:${port}` }, connectTimeoutMs: 1000, headersTimeoutMs: 1000, bodyTimeoutMs: 1000 });
    closers.push(() => new Promise((r) => server.close(() => r())), () => dispatcher.close());
    await expect(upstreamGet(dispatcher, `http://images.maas.io:${port}/gz`)).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM', message: expect.stringMatching(/Content-Encoding gzip/) });
    const r = await upstreamGet(dispatcher, `http://images.maas.io:${port}/cut`);
    await expect(text(r.chunks())).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM', subject: `http://images.maas.io:${port}/cut` });
  });
});
