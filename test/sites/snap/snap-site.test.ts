// The snap site behind the real request handler (in-process appliance on port 0): what snapd sees
// on the wire offline, and online against a fake store written from the spec.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../../src/appliance.js';
import { testAppliance } from '../../helpers/appliance.js';
import { FakeSnapStore } from '../../helpers/fake-snap-store.js';
import { HELLO_ID, helloSnap, putHello } from '../../helpers/snap-records.js';
import { fields } from './request.js';

let app: RunningAppliance | undefined;
let fake: FakeSnapStore | undefined;
afterEach(async () => {
  await app?.close();
  await fake?.close();
  app = undefined;
  fake = undefined;
});

const api = () => request(`http://127.0.0.1:${app!.ports.http}`);
const blobUrl = `/api/v1/snaps/download/${HELLO_ID}_4.snap`;

describe('snap site, offline', () => {
  it('refresh → blob → assertions, as snap download does it', async () => {
    app = await testAppliance();
    await putHello(app.store);
    const r = await api().post('/v2/snaps/refresh').set('Host', 'api.snapcraft.io').set('Snap-Device-Architecture', 'armhf').set('Content-Type', 'application/json')
      .send({ context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name: 'hello-lhc', epoch: null }], fields });
    expect(r.status).toBe(200);
    expect(r.body.results[0].snap.download.url).toBe(`https://api.snapcraft.io${blobUrl}`);
    const blob = await api().get(blobUrl).set('Host', 'api.snapcraft.io').set('Accept-Encoding', 'gzip').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(blob.status).toBe(200);
    expect(blob.headers['content-length']).toBe('4096');
    expect(blob.headers['content-encoding']).toBeUndefined();
    expect(createHash('sha3-384').update(blob.body as Buffer).digest('hex')).toBe(r.body.results[0].snap.download['sha3-384']);
    const ranged = await api().get(blobUrl).set('Host', 'api.snapcraft.io').set('Range', 'bytes=1000-');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-length']).toBe('3096');
    const rev = await api().get('/v2/assertions/snap-revision/xxQCmRz75gz2c5DDBQ1YXqV5qgV5KnbioiKlft1uIOEzks9LTL1vRY97sEuL19kX?max-format=0').set('Host', 'api.snapcraft.io').set('Accept', 'application/x.ubuntu.assertion');
    expect(rev.status).toBe(200);
    expect(rev.headers['content-type']).toBe('application/x.ubuntu.assertion');
    expect(rev.text).toMatch(/^type: snap-revision\n/);
  });

  it('not here is a 404 JSON error list, never a 5xx: unseeded blobs, assertions, unknown paths; wrong methods are 405', async () => {
    app = await testAppliance();
    for (const path of [`/api/v1/snaps/download/${'X'.repeat(32)}_1.snap`, '/v2/assertions/account/nobody', '/v2/nothing', '/v2/snaps/info/nope']) {
      const r = await api().get(path).set('Host', 'api.snapcraft.io');
      expect([path, r.status, r.headers['content-type']]).toEqual([path, 404, 'application/json']);
      expect(r.body['error-list'][0].code).toMatch(/not-found/);
    }
    const m = await api().get('/v2/snaps/refresh').set('Host', 'api.snapcraft.io');
    expect([m.status, m.headers.allow]).toEqual([405, 'POST']);
    const auth = await api().post('/api/v1/snaps/auth/request-id').set('Host', 'api.snapcraft.io');
    expect(auth.status).toBe(403);
    const big = await api().post('/v2/snaps/refresh').set('Host', 'api.snapcraft.io').send(Buffer.alloc(5 << 20, 32));
    expect(big.status).toBe(413);
  });

  it('the CDN names serve the same blob, and catalogs are empty hal+json', async () => {
    app = await testAppliance();
    await putHello(app.store);
    const cdn = await api().get(`/download-origin/canonical-lgw01/${HELLO_ID}_4.snap?interactive=1`).set('Host', 'canonical-lgw01.cdn.snapcraftcontent.com');
    expect([cdn.status, cdn.headers['content-length']]).toEqual([200, '4096']);
    const sections = await api().get('/api/v1/snaps/sections').set('Host', 'api.snapcraft.io');
    expect([sections.status, sections.headers['content-type']]).toEqual([200, 'application/hal+json']);
    const find = await api().get('/v2/snaps/find?q=hello&architecture=armhf').set('Host', 'api.snapcraft.io');
    expect([find.status, find.headers['content-type'], find.body.results[0].name]).toEqual([200, 'application/json', 'hello-lhc']);
  });
});

describe('snap site, online', () => {
  it('refresh goes upstream and leaves records; the blob is filled once through the CDN redirect, then offline answers alike', async () => {
    const blob = helloSnap();
    fake = new FakeSnapStore([{ name: 'hello-lhc', id: HELLO_ID, revisions: [{ revision: 4, architectures: ['armhf'], blob, version: '1.0' }], channels: [['armhf', 'latest/stable', 4]] }]);
    const port = await fake.listen();
    fake.cdn = `http://canonical-lgw01.cdn.snapcraftcontent.com:${port}`;
    const groups = [{ name: 'snap-store', site: 'snap' as const, namespace: 'snap-store', hosts: ['api.snapcraft.io', '*.cdn.snapcraftcontent.com'], upstream: `http://api.snapcraft.io:${port}` }];
    const resolve = { 'api.snapcraft.io': `127.0.0.1:${port}`, 'canonical-lgw01.cdn.snapcraftcontent.com': `127.0.0.1:${port}` };
    app = await testAppliance({ mode: 'online', hostGroups: groups, upstreamResolve: resolve });
    const ask = () => api().post('/v2/snaps/refresh').set('Host', 'api.snapcraft.io').set('Snap-Device-Architecture', 'armhf').send({ context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name: 'hello-lhc', epoch: null }], fields });
    const r = await ask();
    expect(r.status).toBe(200);
    expect(r.body.results[0].snap.download.url).toBe(`http://api.snapcraft.io:${port}${blobUrl}`);
    expect(fake.requests.find((q) => q.url === '/v2/snaps/refresh')?.headers['snap-device-architecture']).toBe('armhf');
    for (let i = 0; i < 2; i++) {
      const b = await api().get(blobUrl).set('Host', 'api.snapcraft.io');
      expect([b.status, Number(b.headers['content-length'])]).toEqual([200, 4096]);
    }
    expect(fake.count('/api/v1/snaps/download/')).toBe(1);
    expect(fake.count('/download-origin/')).toBe(1);
    // The records it left answer the same request offline (no upstream asked).
    await app.close();
    const before = fake.requests.length;
    app = await testAppliance({ dataDir: app.config.dataDir, hostGroups: groups, upstreamResolve: resolve });
    const offline = await ask();
    expect(offline.body.results[0]).toMatchObject({ result: 'download', 'effective-channel': 'latest/stable', snap: { revision: 4, download: { size: 4096 } } });
    expect(fake.requests.length).toBe(before);
  });

  it('an upstream 5xx or an unreachable store is answered from the cache', async () => {
    fake = new FakeSnapStore([]);
    fake.failRefresh = 503;
    const port = await fake.listen();
    const groups = [{ name: 'snap-store', site: 'snap' as const, namespace: 'snap-store', hosts: ['api.snapcraft.io'], upstream: `http://api.snapcraft.io:${port}` }];
    app = await testAppliance({ mode: 'online', hostGroups: groups, upstreamResolve: { 'api.snapcraft.io': `127.0.0.1:${port}` } });
    await putHello(app.store);
    const r = await api().post('/v2/snaps/refresh').set('Host', 'api.snapcraft.io').set('Snap-Device-Architecture', 'armhf').send({ context: [], actions: [{ action: 'download', 'instance-key': 'download-1', name: 'hello-lhc', epoch: null }] });
    expect(r.status).toBe(200);
    expect(r.body.results[0].snap.revision).toBe(4);
  });
});
