import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { download } from '../../src/seed/download.js';
import { WorkDir } from '../../src/seed/work-dir.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import type { UpstreamDispatcher } from '../../src/upstream/get.js';
import { sha256 } from '../helpers/bundles.js';
import { RangeUpstream } from '../helpers/range-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let up: RangeUpstream;
let dispatcher: UpstreamDispatcher;
let work: WorkDir;
let base: string;

beforeEach(async () => {
  up = new RangeUpstream();
  const port = await up.listen();
  base = `http://images.maas.io:${port}`;
  dispatcher = createUpstreamAgent({ upstreamResolve: { 'images.maas.io': `127.0.0.1:${port}` }, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
  work = await WorkDir.open(join(tempDir(), 'out.work'));
});

afterEach(async () => {
  await work.release();
  await dispatcher.close();
  await up.close();
});

const spec = (path: string, extra = {}) => ({ url: `${base}${path}`, ns: 'maas-images', path, ...extra });
const body = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));

describe('download', () => {
  it('fetches, verifies and records an object with its response metadata', async () => {
    up.put('/f', { body, contentType: 'application/x-test', lastModified: new Date('2026-01-02T03:04:05Z') });
    const c = await download(spec('/f', { expectedSha256: sha256(body), expectedSize: body.length, expectedDigests: { sha512: (await import('node:crypto')).createHash('sha512').update(body).digest('hex') } }), { work, dispatcher });
    expect(c).toMatchObject({ sha256: sha256(body), size: body.length, contentType: 'application/x-test', lastModified: Date.parse('2026-01-02T03:04:05Z') });
    expect(Object.keys(c.digests)).toEqual(['sha512']);
    expect(readFileSync(work.blobFile(c.sha256))).toEqual(body);
    expect(await work.done(c.url)).toEqual(c);
  });

  it('resumes a broken transfer with Range from where it stopped', async () => {
    // Slow enough that every chunk is on disk before the connection drops.
    up.put('/f', { body, dieAfter: 70_000, rate: 400_000 });
    await expect(download(spec('/f'), { work, dispatcher })).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM' });
    expect(existsSync(work.partialFiles(`${base}/f`).data)).toBe(true);
    const c = await download(spec('/f', { expectedSha256: sha256(body) }), { work, dispatcher });
    expect(c.sha256).toBe(sha256(body));
    // What reached the disk before the drop is kept: the second request asks only for the rest.
    const [first, second] = up.served;
    expect(first).toMatchObject({ status: 200, bytes: 70_000, complete: false });
    const from = Number(/^bytes=(\d+)-$/.exec(second!.range ?? '')?.[1]);
    expect(from).toBeGreaterThanOrEqual(40_000);
    expect(second).toMatchObject({ status: 206, bytes: body.length - from, complete: true });
    expect(up.served).toHaveLength(2);
  });

  it('starts over when the object changed since the partial bytes came (If-Range)', async () => {
    up.put('/f', { body, dieAfter: 50_000 });
    await expect(download(spec('/f'), { work, dispatcher })).rejects.toThrow();
    const changed = Buffer.from(body).reverse();
    up.put('/f', { body: changed });
    const c = await download(spec('/f'), { work, dispatcher });
    expect(c.sha256).toBe(sha256(changed));
    expect(up.served[1]).toMatchObject({ status: 200, bytes: changed.length });
  });

  it('a digest that differs from the published one is refused and nothing is kept', async () => {
    up.put('/f', body);
    await expect(download(spec('/f', { expectedSha256: 'e'.repeat(64) }), { work, dispatcher })).rejects.toMatchObject({
      code: 'AGC_ERR_DIGEST_MISMATCH',
      message: expect.stringMatching(/\/f: sha256 [0-9a-f]{64}, expected e{64}/),
    });
    await expect(download(spec('/f', { expectedSize: 5 }), { work, dispatcher })).rejects.toThrow(/upstream has 200000 bytes, 5 were announced/);
    expect(existsSync(work.partialFiles(`${base}/f`).data)).toBe(false);
    expect(await work.done(`${base}/f`)).toBeUndefined();
  });

  it('404 is a not-found error; other statuses are upstream errors', async () => {
    await expect(download(spec('/none'), { work, dispatcher })).rejects.toMatchObject({ code: 'AGC_ERR_NOT_FOUND', message: expect.stringMatching(/no such object \(404\)/) });
    up.put('/err', { body: Buffer.alloc(0), status: 503 });
    await expect(download(spec('/err'), { work, dispatcher })).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM', message: expect.stringMatching(/answered 503/) });
  });

  it('a stale partial that upstream will not resume (416) is discarded', async () => {
    up.put('/f', 'short');
    const files = work.partialFiles(`${base}/f`);
    writeFileSync(files.data, 'this is longer than the object');
    writeFileSync(files.meta, JSON.stringify({ url: `${base}/f`, validator: `"${sha256('short').slice(0, 16)}"`, contentType: 'x', lastModified: 0 }));
    await expect(download(spec('/f'), { work, dispatcher })).rejects.toThrow(/416/);
    expect(existsSync(files.data)).toBe(false);
    expect((await download(spec('/f'), { work, dispatcher })).size).toBe(5);
  });
});
