import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { Fetcher } from '../../src/seed/fetcher.js';
import { Progress } from '../../src/seed/progress.js';
import { WorkDir } from '../../src/seed/work-dir.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import type { UpstreamDispatcher } from '../../src/upstream/get.js';
import { sha256 } from '../helpers/bundles.js';
import { RangeUpstream } from '../helpers/range-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let up: RangeUpstream;
let dispatcher: UpstreamDispatcher;
let base: string;
let dir: string;

beforeEach(async () => {
  up = new RangeUpstream();
  const port = await up.listen();
  base = `http://images.maas.io:${port}`;
  dispatcher = createUpstreamAgent({ upstreamResolve: { 'images.maas.io': `127.0.0.1:${port}` }, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
  dir = join(tempDir(), 'b.work');
});

afterEach(async () => {
  await dispatcher.close();
  await up.close();
});

async function fetcher(extra: { concurrency?: number; retries?: number; progress?: Progress } = {}) {
  const work = await WorkDir.open(dir);
  return { work, f: new Fetcher({ work, dispatcher, concurrency: extra.concurrency ?? 4, retries: extra.retries ?? 2, retryDelayMs: 10, log: silentLogger(), progress: extra.progress }) };
}

const spec = (path: string) => ({ url: `${base}${path}`, ns: 'maas-images', path });

describe('Fetcher', () => {
  it('runs at most `concurrency` downloads at once', async () => {
    for (let i = 0; i < 6; i++) up.put(`/f${i}`, { body: Buffer.alloc(20_000, i), rate: 100_000 });
    let running = 0;
    let most = 0;
    const { f, work } = await fetcher({ concurrency: 2 });
    const probe = setInterval(() => {
      running = up.served.filter((s) => !s.complete).length;
      most = Math.max(most, running);
    }, 5);
    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => f.fetch(spec(`/f${i}`))));
    clearInterval(probe);
    expect(most).toBe(2);
    expect(f.stats).toMatchObject({ fetched: 6, reused: 0, bytes: 120_000 });
    await work.release();
  });

  it('fetches a URL asked for twice once, and never again in a later run', async () => {
    up.put('/a', 'alpha');
    const first = await fetcher();
    const [x, y] = await Promise.all([first.f.fetch(spec('/a')), first.f.fetch(spec('/a'))]);
    expect(x.object).toEqual(y.object);
    await first.work.release();
    const progress = new Progress();
    progress.begin({ phase: 'fetching' });
    const second = await fetcher({ progress });
    const again = await second.f.fetch(spec('/a'));
    expect(again.object.sha256).toBe(sha256('alpha'));
    expect(up.count('/a')).toBe(1);
    expect(second.f.stats).toMatchObject({ fetched: 0, reused: 1 });
    expect(progress.snapshot()).toMatchObject({ doneItems: 1, totalItems: 1, doneBytes: 5 });
    await second.work.release();
  });

  it('a download whose published digest changed since the earlier run is fetched again', async () => {
    up.put('/a', 'alpha');
    const first = await fetcher();
    await first.f.fetch(spec('/a'));
    await first.work.release();
    up.put('/a', 'beta');
    const second = await fetcher();
    const r = await second.f.fetch({ ...spec('/a'), expectedSha256: sha256('beta') });
    expect(r.object.sha256).toBe(sha256('beta'));
    expect(up.count('/a')).toBe(2);
    await second.work.release();
  });

  it('retries a broken transfer (resuming it) but not a 404', async () => {
    up.put('/big', { body: Buffer.alloc(100_000, 1), dieAfter: 30_000, rate: 300_000 });
    const { f, work } = await fetcher();
    expect((await f.fetch(spec('/big'))).object.size).toBe(100_000);
    expect(up.served.map((s) => s.status)).toEqual([200, 206]);
    await expect(f.fetch(spec('/missing'))).rejects.toMatchObject({ code: 'AGC_ERR_NOT_FOUND' });
    expect(up.count('/missing')).toBe(1);
    await work.release();
  });

  it('gives up after the allowed retries', async () => {
    up.put('/bad', { body: Buffer.alloc(10), status: 500 });
    const { f, work } = await fetcher({ retries: 2 });
    await expect(f.fetch(spec('/bad'))).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM' });
    expect(up.count('/bad')).toBe(3);
    await work.release();
  });

  it('a full disk anywhere in a download (here the journal) is a store error naming the directory, never retried', async () => {
    up.put('/small', 'tiny');
    const { f, work } = await fetcher({ retries: 3 });
    work.record = () => Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
    await expect(f.fetch(spec('/small'))).rejects.toMatchObject({
      code: 'AGC_ERR_STORE',
      message: expect.stringMatching(new RegExp(`/small: disk full in ${dir}/\\S+: needs more space`)) as unknown,
    });
    expect(up.count('/small')).toBe(1);
    await work.release();
  });
});
