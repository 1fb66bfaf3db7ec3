// The images site through the real request handler, online: metadata older than its freshness
// window is fetched again (one shared fill), a failing or absent upstream leaves the stored set
// served, offline never asks, items are never revalidated, and ten MAAS regions asking for one
// squashfs at once cause one upstream fetch.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAppliance } from '../../src/appliance.js';
import type { Config } from '../../src/config/schema.js';
import { METADATA_FRESH_MS } from '../../src/sites/images/images-site.js';
import { testAppliance } from '../helpers/appliance.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { imagesFixture } from '../helpers/images-stream.js';
import { entry, writeBlob } from '../store/contract.js';

let app: RunningAppliance | undefined;
let upstream: FakeUpstream | undefined;
afterEach(async () => {
  await app?.close();
  await upstream?.close();
  app = undefined;
  upstream = undefined;
});

const INDEX = '/ephemeral-v3/stable/streams/v1/index.sjson';
const ITEM = '/ephemeral-v3/stable/noble/amd64/20250805/squashfs';

async function start(mode: 'online' | 'offline'): Promise<void> {
  upstream = new FakeUpstream();
  const port = await upstream.listen();
  const hostGroups: Config['hostGroups'] = [{ name: 'maas-images', site: 'images', namespace: 'maas-images', hosts: ['images.maas.io'], upstream: `http://images.maas.io:${port}` }];
  app = await testAppliance({ mode, hostGroups, upstreamResolve: { 'images.maas.io': `127.0.0.1:${port}` } });
}

async function stored(path: string, body: string | Buffer, ageMs: number): Promise<void> {
  const b = Buffer.from(body);
  await writeBlob(app!.store, b);
  app!.store.commit([entry('maas-images', path, b, { fetchedAt: Date.now() - ageMs })]);
}

const get = (path: string) => request(`http://127.0.0.1:${app!.ports.http}`).get(path).set('Host', 'images.maas.io');
const text = async (path: string): Promise<[number, string]> => {
  const r = await get(path).buffer(true).parse(binary);
  return [r.status, (r.body as Buffer).toString()];
};

describe('images site, online', () => {
  it('stale metadata is fetched again and the new set is served and kept; fresh metadata is not', async () => {
    await start('online');
    await stored(INDEX, 'old index', METADATA_FRESH_MS + 60_000);
    upstream!.put(INDEX, 'new index');
    expect(await text(INDEX)).toEqual([200, 'new index']);
    expect(upstream!.count(INDEX)).toBe(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(await text(INDEX)).toEqual([200, 'new index']);
    expect(upstream!.count(INDEX)).toBe(1);
  });

  it('a stale copy is served when upstream fails or has none', async () => {
    await start('online');
    await stored(INDEX, 'old index', METADATA_FRESH_MS + 60_000);
    upstream!.put(INDEX, { body: Buffer.from('boom'), status: 500 });
    expect(await text(INDEX)).toEqual([200, 'old index']);
    upstream!.objects.delete(INDEX);
    expect(await text(INDEX)).toEqual([200, 'old index']);
    expect(upstream!.count(INDEX)).toBe(2);
  });

  it('items are immutable: an old one is served without asking upstream', async () => {
    await start('online');
    await stored(ITEM, 'squashfs bytes', 365 * 86_400_000);
    upstream!.put(ITEM, 'other bytes');
    expect(await text(ITEM)).toEqual([200, 'squashfs bytes']);
    expect(upstream!.count(ITEM)).toBe(0);
  });

  it('ten regions asking for one squashfs at once: one upstream fetch, every one gets all of it', async () => {
    await start('online');
    const body = Buffer.from(Array.from({ length: 1_500_000 }, (_, i) => (i * 7) % 256));
    upstream!.put(ITEM, { body, dripMs: 5 });
    const all = await Promise.all(Array.from({ length: 10 }, () => get(ITEM).buffer(true).parse(binary)));
    for (const r of all) expect(Buffer.compare(r.body as Buffer, body)).toBe(0);
    expect(upstream!.count(ITEM)).toBe(1);
  });
});

describe('images site, online, items a stored stream lists', () => {
  it('a fill must bring the sha256 the products file gives: wrong bytes never complete and are not kept', async () => {
    await start('online');
    const fx = imagesFixture({ versions: ['20250805'], squashfsBytes: 200_000 });
    for (const rel of ['index.sjson', 'com.ubuntu.maas:stable:v3:download.sjson', 'com.ubuntu.maas:stable:1:bootloader-download.sjson']) {
      await stored(`/ephemeral-v3/stable/streams/v1/${rel}`, readFileSync(join(fx.root, 'streams/v1', rel)), 0);
    }
    const good = readFileSync(join(fx.root, 'noble/amd64/20250805/squashfs'));
    const bad = Buffer.from(good);
    bad[1000]! ^= 1;
    upstream!.put(ITEM, bad);
    const broken = await get(ITEM).buffer(true).parse(binary).then((r) => (r.body as Buffer).length, (err: Error) => err.message);
    expect(broken).not.toBe(good.length);
    expect(app!.store.lookup('maas-images', ITEM)).toBeUndefined();
    upstream!.put(ITEM, good);
    const r = await get(ITEM).buffer(true).parse(binary);
    expect(Buffer.compare(r.body as Buffer, good)).toBe(0);
    expect(app!.store.lookup('maas-images', ITEM)?.size).toBe(good.length);
  });
});

describe('images site, offline', () => {
  it('serves metadata however old and never asks upstream; an unseeded item is 404', async () => {
    await start('offline');
    await stored(INDEX, 'old index', 365 * 86_400_000);
    upstream!.put(INDEX, 'new index').put(ITEM, 'x');
    expect(await text(INDEX)).toEqual([200, 'old index']);
    expect(await text(ITEM)).toEqual([404, 'Not Found\n']);
    expect(upstream!.count(INDEX) + upstream!.count(ITEM)).toBe(0);
  });
});

function binary(response: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
