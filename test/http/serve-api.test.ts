import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostGroup } from '../../src/config/schema.js';
import { serveApi, type ApiContext } from '../../src/http/serve-api.js';
import { silentLogger } from '../../src/log.js';
import type { ApiAnswer, SiteRequest } from '../../src/sites/site.js';
import { openStore, type Store } from '../../src/store/store.js';
import type { ApiCall } from '../../src/upstream/api-call.js';
import { tempDir } from '../helpers/tmp.js';

const group: HostGroup = { name: 'snap-store', site: 'generic', namespace: 'snap-store', hosts: ['api.snapcraft.io'], upstream: 'https://api.snapcraft.io' };
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

const answer: ApiAnswer = {
  kind: 'api',
  upstream: { method: 'POST', path: '/v2/snaps/refresh', query: 'x=1', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') },
  local: () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"from":"cache"}' }),
  fromUpstream: (res) => ({
    reply: { status: res.status, headers: { 'content-type': 'application/json' }, body: `{"from":"upstream","got":${res.body.toString()}}` },
    keep: [{ path: '/kept', bytes: Buffer.from('kept bytes'), contentType: 'text/plain' }],
  }),
};

async function serve(ctx: ApiContext): Promise<{ status: number; body: string; cache: string }> {
  let cache = '';
  const srv = createServer((req, res) => {
    const sreq: SiteRequest = { method: 'POST', host: 'api.snapcraft.io', group, path: '/v2/snaps/refresh', query: 'x=1', headers: req.headers };
    void serveApi(ctx, req, res, sreq, answer).then((r) => (cache = r.cache));
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise<void>((r) => srv.close(() => r())));
  const res = await fetch(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/`, { method: 'POST', body: '{}' });
  return { status: res.status, body: await res.text(), cache };
}

function store(): Store {
  const s = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  closers.push(() => s.close());
  return s;
}

describe('serveApi', () => {
  it('offline: the composed answer, upstream never asked', async () => {
    const calls: ApiCall[] = [];
    const r = await serve({ mode: 'offline', store: store(), log: silentLogger(), apiCall: async (c) => (calls.push(c), { status: 200, headers: {}, body: Buffer.from('1') }) });
    expect(r).toMatchObject({ status: 200, body: '{"from":"cache"}' });
    expect(calls).toEqual([]);
  });

  it('online: upstream asked with method, URL and query, headers and body; what the site keeps is committed', async () => {
    const calls: ApiCall[] = [];
    const s = store();
    const r = await serve({ mode: 'online', store: s, log: silentLogger(), apiCall: async (c) => (calls.push(c), { status: 200, headers: {}, body: Buffer.from('1') }) });
    expect(r).toMatchObject({ status: 200, body: '{"from":"upstream","got":1}' });
    expect(calls).toEqual([{ method: 'POST', url: 'https://api.snapcraft.io/v2/snaps/refresh?x=1', headers: { 'content-type': 'application/json' }, body: Buffer.from('{}') }]);
    expect(s.lookup('snap-store', '/kept')).toMatchObject({ size: 10, contentType: 'text/plain', source: 'fill' });
  });

  it('online: an upstream 4xx is the site\'s to turn into an answer', async () => {
    const r = await serve({ mode: 'online', store: store(), log: silentLogger(), apiCall: async () => ({ status: 404, headers: {}, body: Buffer.from('0') }) });
    expect(r).toMatchObject({ status: 404, body: '{"from":"upstream","got":0}' });
  });

  it('online: an upstream that fails or answers 5xx gets the composed answer, never a 5xx', async () => {
    const failing = await serve({ mode: 'online', store: store(), log: silentLogger(), apiCall: async () => Promise.reject(new Error('down')) });
    expect(failing).toMatchObject({ status: 200, body: '{"from":"cache"}' });
    const five = await serve({ mode: 'online', store: store(), log: silentLogger(), apiCall: async () => ({ status: 503, headers: {}, body: Buffer.from('') }) });
    expect(five).toMatchObject({ status: 200, body: '{"from":"cache"}' });
  });
});
