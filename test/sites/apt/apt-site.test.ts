// The APT site through a running appliance: a canonical index answers only the bytes its current
// InRelease lists; online, a stale InRelease is fetched again and indices follow it by hash.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../../src/appliance.js';
import type { Config } from '../../../src/config/schema.js';
import { parseRelease } from '../../../src/sites/apt/release.js';
import { clearsignedText } from '../../../src/sites/apt/clearsigned.js';
import { testAppliance } from '../../helpers/appliance.js';
import { aptArchive } from '../../helpers/apt-archive.js';
import { StaticUpstream } from '../../helpers/static-upstream.js';

let v1: string;
let v2: string;
let upstream: StaticUpstream;
let port: number;
let app: RunningAppliance | undefined;

beforeAll(async () => {
  v1 = aptArchive();
  v2 = join(mkdtempSync(join(tmpdir(), 'agc-apt-v2-')), 'archive');
  execFileSync('bash', [new URL('../../helpers/make-apt-archive.sh', import.meta.url).pathname, v2, 'v2'], { stdio: 'ignore' });
  upstream = new StaticUpstream(v1);
  port = await upstream.listen(0, '127.0.0.1');
}, 60_000);
afterAll(() => upstream.close());
afterEach(async () => {
  await app?.close();
  app = undefined;
  upstream.root = v1;
  upstream.hits.clear();
});

const groups = (): Config['hostGroups'] => [
  { name: 'ubuntu-archive', site: 'apt', namespace: 'ubuntu-archive', hosts: ['archive.ubuntu.com'], upstream: `http://archive.ubuntu.com:${port}` },
];
const get = (path: string) => request(`http://127.0.0.1:${app!.ports.http}`).get(path).set('Host', 'archive.ubuntu.com').buffer(true).parse(binary);
const file = (root: string, rel: string): Buffer => readFileSync(join(root, 'ubuntu', rel));
const listed = (root: string, rel: string) => parseRelease(clearsignedText(file(root, 'dists/noble/InRelease').toString())!).files.get(rel)!;

function binary(response: unknown, cb: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  res.on('data', (c: Buffer) => parts.push(c));
  res.on('end', () => cb(null, Buffer.concat(parts)));
}

/** Makes the stored InRelease look fetched long ago, as if its max age had passed. */
function age(path: string): void {
  const meta = app!.store.lookup('ubuntu-archive', path)!;
  app!.store.commit([{ ...meta, storedAt: 0, fetchedAt: 0 } as never]);
}

describe('apt site, online', () => {
  it('fills indices through their by-hash URL, and follows a new InRelease once the old one is stale', async () => {
    app = await testAppliance({ mode: 'online', hostGroups: groups(), upstreamResolve: { 'archive.ubuntu.com': `127.0.0.1:${port}` } });
    const rel = 'main/binary-amd64/Packages.xz';
    expect((await get('/ubuntu/dists/noble/InRelease')).body).toEqual(file(v1, 'dists/noble/InRelease'));
    const first = await get(`/ubuntu/dists/noble/${rel}`);
    expect(first.body).toEqual(file(v1, `dists/noble/${rel}`));
    expect(upstream.hits.get(`/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA512/${listed(v1, rel).hashes.SHA512}`)).toBe(1);
    expect(upstream.hits.get(`/ubuntu/dists/noble/${rel}`)).toBeUndefined();

    upstream.root = v2;
    // Until the InRelease is stale, the old snapshot is served whole: old InRelease, old index.
    expect((await get(`/ubuntu/dists/noble/${rel}`)).body).toEqual(file(v1, `dists/noble/${rel}`));
    expect((await get('/ubuntu/dists/noble/InRelease')).body).toEqual(file(v1, 'dists/noble/InRelease'));
    age('/ubuntu/dists/noble/InRelease');
    expect((await get('/ubuntu/dists/noble/InRelease')).body).toEqual(file(v2, 'dists/noble/InRelease'));
    // The stored index no longer matches the current InRelease: it is filled again, by hash.
    const after = await get(`/ubuntu/dists/noble/${rel}`);
    expect(after.body).toEqual(file(v2, `dists/noble/${rel}`));
    // The old snapshot's by-hash object stays for clients part-way through an update.
    const old = await get(`/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA512/${listed(v1, rel).hashes.SHA512}`);
    expect([old.status, old.body]).toEqual([200, file(v1, `dists/noble/${rel}`)]);
  });

  it('refuses by-hash bytes that do not have the hash in their name', async () => {
    app = await testAppliance({ mode: 'online', hostGroups: groups(), upstreamResolve: { 'archive.ubuntu.com': `127.0.0.1:${port}` } });
    const r = await get(`/ubuntu/dists/noble/main/binary-amd64/by-hash/SHA256/${'0'.repeat(64)}`);
    expect(r.status).toBe(404);
  });
});

describe('apt site, offline', () => {
  it('a canonical index whose stored bytes the current InRelease does not list is a 404, never the old bytes', async () => {
    app = await testAppliance({ mode: 'online', hostGroups: groups(), upstreamResolve: { 'archive.ubuntu.com': `127.0.0.1:${port}` } });
    const rel = 'main/binary-amd64/Packages.gz';
    await get('/ubuntu/dists/noble/InRelease');
    await get(`/ubuntu/dists/noble/${rel}`);
    upstream.root = v2;
    age('/ubuntu/dists/noble/InRelease');
    await get('/ubuntu/dists/noble/InRelease');
    const dataDir = app.config.dataDir;
    await app.close();
    app = await testAppliance({ mode: 'offline', dataDir, hostGroups: groups() });
    const r = await get(`/ubuntu/dists/noble/${rel}`);
    expect(r.status).toBe(404);
    expect((await get('/ubuntu/dists/noble/InRelease')).body).toEqual(file(v2, 'dists/noble/InRelease'));
  });

  it('answers POST with 405 and serves pool files as stored', async () => {
    app = await testAppliance({ hostGroups: groups() });
    const r = await request(`http://127.0.0.1:${app.ports.http}`).post('/ubuntu/pool/x.deb').set('Host', 'archive.ubuntu.com');
    expect(r.status).toBe(405);
    expect((await get('/ubuntu/pool/main/h/hello/hello_2.10-3_amd64.deb')).status).toBe(404);
  });
});
