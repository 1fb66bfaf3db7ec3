import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serveFill } from '../../src/http/serve-fill.js';
import { silentLogger } from '../../src/log.js';
import { SharedChunks } from '../../src/store/shared-chunks.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillManager } from '../../src/upstream/fill.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let server: Server | undefined;
let upstream: FakeUpstream | undefined;
let store: Store | undefined;
afterEach(async () => {
  server?.close();
  await upstream?.close();
  store?.close();
});

async function setup(expectedSha256?: string): Promise<string> {
  upstream = new FakeUpstream();
  const port = await upstream.listen();
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  const agent = createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
  const fills = new FillManager(store, agent, silentLogger());
  server = createServer(async (req, res) => {
    const fill = fills.fill({ ns: 'ns', path: req.url!, url: `http://127.0.0.1:${port}${req.url}`, expectedSha256 });
    const head = await fill.head;
    if (head.kind === 'absent') return void res.writeHead(404).end();
    await serveFill(req, res, fill, head, store!.dataDir, 131_072).catch(() => res.destroy());
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('serveFill', () => {
  it('streams an upstream body of unknown length (chunked) completely', async () => {
    const base = await setup();
    const body = Buffer.alloc(700_000, 'c');
    upstream!.put('/chunked', { body, chunked: true, dripMs: 2 });
    const res = await fetch(`${base}/chunked`);
    expect(res.headers.get('content-length')).toBeNull();
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(700_000);
  });

  it('answers HEAD during a fill with the headers and no body', async () => {
    const base = await setup();
    upstream!.put('/h', { body: Buffer.alloc(1000, 'h'), contentType: 'application/x-debian-package' });
    const res = await fetch(`${base}/h`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe('1000');
    expect(res.headers.get('content-type')).toBe('application/x-debian-package');
  });

  it('sends every follower of one fill every byte, and the shared chunks let go of their memory after', async () => {
    const base = await setup();
    const body = Buffer.from(Array.from({ length: 3_000_001 }, (_, i) => (i * 13 + (i >> 9)) % 256));
    upstream!.put('/herd', { body, dripMs: 5 });
    const got = await Promise.all(Array.from({ length: 20 }, async () => Buffer.from(await (await fetch(`${base}/herd`)).arrayBuffer())));
    for (const g of got) expect(Buffer.compare(g, body)).toBe(0);
    expect(upstream!.count('/herd')).toBe(1);
    await vi.waitFor(() => expect(SharedChunks.budgetUsed()).toBe(0));
  });

  it('breaks every follower when the fill fails its digest check, after most bytes went out', async () => {
    const body = Buffer.alloc(2_000_000, 'x');
    const base = await setup(createHash('sha256').update('other').digest('hex'));
    upstream!.put('/bad', { body, dripMs: 5 });
    const results = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const res = await fetch(`${base}/bad`);
        return res.arrayBuffer().then(
          () => 'complete',
          () => 'broken',
        );
      }),
    );
    expect(results).toEqual(Array(5).fill('broken'));
  });
});
