import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillManager } from '../../src/upstream/fill.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let upstream: FakeUpstream;
let store: Store;
let port: number;
afterEach(async () => {
  await upstream.close();
  store.close();
});

async function manager(headersTimeoutMs = 2000, bodyTimeoutMs = 2000): Promise<FillManager> {
  upstream = new FakeUpstream();
  port = await upstream.listen();
  store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
  return new FillManager(store, createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 1000, headersTimeoutMs, bodyTimeoutMs }), silentLogger());
}

const url = (p: string): string => `http://127.0.0.1:${port}${p}`;

describe('FillManager', () => {
  it('joins concurrent callers to one fill and forgets it when done', async () => {
    const fills = await manager();
    upstream.put('/o', { body: Buffer.alloc(100_000, 1), dripMs: 5 });
    const a = fills.fill({ ns: 'ns', path: '/o', url: url('/o') });
    const b = fills.fill({ ns: 'ns', path: '/o', url: url('/o') });
    expect(a).toBe(b);
    expect(fills.size).toBe(1);
    const meta = await a.done;
    expect(meta?.size).toBe(100_000);
    expect(fills.size).toBe(0);
    expect(upstream.count('/o')).toBe(1);
    expect(store.lookup('ns', '/o')?.source).toBe('fill');
  });

  it('the first client hanging up stops nobody: the fill completes and is kept', async () => {
    const fills = await manager();
    upstream.put('/slow', { body: Buffer.alloc(200_000, 2), dripMs: 10 });
    const fill = fills.fill({ ns: 'ns', path: '/slow', url: url('/slow') });
    await fill.head;
    const reader = fill.reader(store.dataDir);
    reader.once('data', () => reader.destroy());
    await expect(fill.done).resolves.toMatchObject({ size: 200_000 });
  });

  it('checks an expected digest and keeps nothing when it does not match', async () => {
    const fills = await manager();
    upstream.put('/d', 'actual bytes');
    const want = createHash('sha256').update('other bytes').digest('hex');
    const fill = fills.fill({ ns: 'ns', path: '/d', url: url('/d'), expectedSha256: want });
    await expect(fill.done).rejects.toMatchObject({ code: 'AGC_ERR_DIGEST_MISMATCH' });
    expect(store.lookup('ns', '/d')).toBeUndefined();
  });

  it('refuses a size that disagrees with the expected one before writing anything', async () => {
    const fills = await manager();
    upstream.put('/s', 'twelve bytes');
    const fill = fills.fill({ ns: 'ns', path: '/s', url: url('/s'), expectedSize: 5 });
    await expect(fill.head).rejects.toMatchObject({ code: 'AGC_ERR_DIGEST_MISMATCH' });
  });

  it('a stalled upstream (no headers) times out with its own code, and the next fill retries', async () => {
    const fills = await manager(200, 200);
    upstream.put('/stall', { body: Buffer.from('late'), delayMs: 1000 });
    const fill = fills.fill({ ns: 'ns', path: '/stall', url: url('/stall') });
    await expect(fill.head).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM_TIMEOUT' });
    await new Promise((r) => setTimeout(r, 10));
    expect(fills.fill({ ns: 'ns', path: '/stall', url: url('/stall') })).not.toBe(fill);
  });

  it('a body that stops mid-way times out and leaves nothing', async () => {
    const fills = await manager(2000, 200);
    upstream.put('/mid', { body: Buffer.alloc(1_000_000, 3), dripMs: 1000 });
    const fill = fills.fill({ ns: 'ns', path: '/mid', url: url('/mid') });
    await expect(fill.done).rejects.toMatchObject({ code: 'AGC_ERR_UPSTREAM_TIMEOUT' });
    expect(store.lookup('ns', '/mid')).toBeUndefined();
  });

  it('emits started, finished and failed events', async () => {
    const fills = await manager();
    const seen: string[] = [];
    fills.on('started', (r) => seen.push(`start ${r.path}`));
    fills.on('finished', (r, m) => seen.push(`done ${r.path} ${m.size}`));
    fills.on('failed', (r, e) => seen.push(`fail ${r.path} ${(e as { code?: string }).code}`));
    upstream.put('/ok', 'x');
    upstream.put('/bad', { body: Buffer.from('x'), status: 503 });
    await fills.fill({ ns: 'ns', path: '/ok', url: url('/ok') }).done;
    await fills.fill({ ns: 'ns', path: '/bad', url: url('/bad') }).done.catch(() => undefined);
    expect(seen).toEqual(['start /ok', 'done /ok 1', 'start /bad', 'fail /bad AGC_ERR_UPSTREAM']);
  });
  it('counts the clients waiting on fills in flight, and says who joined and what upstream lacks', async () => {
    const fills = await manager();
    const seen: string[] = [];
    fills.on('joined', (r) => seen.push(`join ${r.path}`));
    fills.on('absent', (r, status) => seen.push(`absent ${r.path} ${status}`));
    upstream.put('/big', { body: Buffer.alloc(100_000, 3), dripMs: 5 });
    const first = fills.fill({ ns: 'ns', path: '/big', url: url('/big') });
    fills.fill({ ns: 'ns', path: '/big', url: url('/big') });
    fills.fill({ ns: 'ns', path: '/big', url: url('/big') });
    expect(fills.waiting()).toBe(3);
    await first.done;
    expect(fills.waiting()).toBe(0);
    await fills.fill({ ns: 'ns', path: '/gone', url: url('/gone') }).head;
    expect(seen).toEqual(['join /big', 'join /big', 'absent /gone 404']);
  });
});
