// Worker-side fills wired to a broker as the cluster wires them, with the IPC hop simulated by a
// turn of the event loop and each "worker" on its own store connection and upstream agent.
import { text } from 'node:stream/consumers';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import { FillBroker, type FillNotice } from '../../src/upstream/fill-broker.js';
import { ClusterFills } from '../../src/upstream/fill-remote.js';
import { FillManager, type FillRequest } from '../../src/upstream/fill.js';
import { FakeUpstream } from '../helpers/fake-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let upstream: FakeUpstream;
const stores: Store[] = [];
afterEach(async () => {
  await upstream.close();
  for (const s of stores.splice(0)) s.close();
});

async function cluster(workers: number) {
  upstream = new FakeUpstream();
  const port = await upstream.listen();
  const dataDir = tempDir();
  const nodes: ClusterFills[] = [];
  const alive = new Set<number>();
  const broker = new FillBroker((w, n: FillNotice) => setImmediate(() => alive.has(w) && nodes[w]!.notice(n)));
  for (let w = 0; w < workers; w++) {
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    stores.push(store);
    const local = new FillManager(store, createUpstreamAgent({ upstreamResolve: {}, connectTimeoutMs: 1000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 }), silentLogger());
    alive.add(w);
    nodes.push(new ClusterFills(local, (r) => setImmediate(() => alive.has(w) && broker.report(w, r))));
  }
  const req = (path: string): FillRequest => ({ ns: 'ns', path, url: `http://127.0.0.1:${port}${path}` });
  const kill = (w: number): void => {
    alive.delete(w);
    broker.workerGone(w);
  };
  return { broker, nodes, req, dataDir, kill };
}

async function read(fill: ReturnType<ClusterFills['fill']>, dataDir: string): Promise<string> {
  const head = await fill.head;
  expect(head.kind).toBe('found');
  return text(fill.reader(dataDir));
}

describe('ClusterFills + FillBroker', () => {
  it('fetches once for concurrent clients on different workers; every client gets every byte', async () => {
    const { broker, nodes, req, dataDir } = await cluster(3);
    const body = Buffer.alloc(300_000, 'x').toString();
    upstream.put('/big', { body: Buffer.from(body), dripMs: 10 });
    const started: string[] = [];
    broker.on('started', (r) => started.push(r.path));
    const clients = [0, 1, 2, 0, 1, 2].map((w) => nodes[w]!.fill(req('/big')));
    expect(clients[0]).toBe(clients[3]); // same worker: one claim
    const bodies = await Promise.all(clients.map((f) => read(f, dataDir)));
    for (const b of bodies) expect(b === body).toBe(true);
    expect(upstream.count('/big')).toBe(1);
    expect(started).toEqual(['/big']);
    const metas = await Promise.all(clients.map((f) => f.done));
    expect(new Set(metas.map((m) => m?.sha256)).size).toBe(1);
    expect(broker.size).toBe(0);
  });

  it('a follower that arrives after the end reads the committed blob, with no second fetch', async () => {
    const { nodes, req, dataDir } = await cluster(2);
    upstream.put('/small', 'hello');
    expect(await read(nodes[0]!.fill(req('/small')), dataDir)).toBe('hello');
    expect(await read(nodes[1]!.fill(req('/small')), dataDir)).toBe('hello');
    expect(upstream.count('/small')).toBe(1);
  });

  it('an absent object is absent for every worker, asked upstream once', async () => {
    const { nodes, req } = await cluster(2);
    const heads = await Promise.all([nodes[0]!.fill(req('/none')).head, nodes[1]!.fill(req('/none')).head]);
    expect(heads).toEqual([
      { kind: 'absent', status: 404 },
      { kind: 'absent', status: 404 },
    ]);
    expect(upstream.count('/none')).toBe(1);
  });

  it('the owner dying breaks its followers (never a short body taken for whole); the next claim fetches again', async () => {
    const { broker, nodes, req, dataDir, kill } = await cluster(2);
    upstream.put('/drip', { body: Buffer.alloc(200_000, 1), dripMs: 30 });
    const owner = nodes[0]!.fill(req('/drip'));
    await owner.head;
    const follower = nodes[1]!.fill(req('/drip'));
    await follower.head;
    const reading = text(follower.reader(dataDir));
    kill(0);
    await expect(reading).rejects.toThrow(/worker process filling it exited/);
    await expect(follower.done).rejects.toThrow();
    expect(broker.size).toBe(0);
    owner.done.catch(() => undefined);
    upstream.put('/drip', 'second');
    expect(await read(nodes[1]!.fill(req('/drip')), dataDir)).toBe('second');
    expect(upstream.count('/drip')).toBe(2);
  });

  it('counts joins and waiters across workers for metrics', async () => {
    const { broker, nodes, req } = await cluster(2);
    upstream.put('/j', { body: Buffer.alloc(50_000, 2), dripMs: 20 });
    let joins = 0;
    broker.on('joined', () => joins++);
    const fills = [nodes[0]!.fill(req('/j')), nodes[0]!.fill(req('/j')), nodes[1]!.fill(req('/j'))];
    await Promise.all(fills.map((f) => f.head));
    expect(broker.size).toBe(1);
    expect(broker.waiting()).toBe(3);
    expect(joins).toBe(2);
    await Promise.all(fills.map((f) => f.done));
  });
});
