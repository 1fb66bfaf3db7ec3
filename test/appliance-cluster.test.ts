// The built CLI with http.workers: 2, spawned as an admin would run it: one upstream fetch for
// concurrent misses on different workers, hits and imports seen by both, a killed worker replaced
// while clients keep being served, metrics summed over workers, and SIGTERM stopping every process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workerCount } from '../src/appliance-cluster.js';
import { rotateCa } from '../src/tls/ca-rotation.js';
import { openStore } from '../src/store/store.js';
import { FakeUpstream } from './helpers/fake-upstream.js';
import { tempDir } from './helpers/tmp.js';
import { entry, writeBlob } from './store/contract.js';

const cli = new URL('../dist/cli/main.js', import.meta.url).pathname;

interface LogLine {
  msg: string;
  worker?: number;
  pid?: number;
  cache?: string;
  status?: number;
  url?: string;
}

class Served {
  readonly lines: LogLine[] = [];
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  ports = { http: 0, https: 0, admin: 0 };
  private out = '';

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [cli, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d: Buffer) => {
      const m = /http 127\.0\.0\.1:(\d+), https 127\.0\.0\.1:(\d+).*admin 127\.0\.0\.1:(\d+)/.exec(d.toString());
      if (m) this.ports = { http: Number(m[1]), https: Number(m[2]), admin: Number(m[3]) };
    });
    // Every process logs JSON lines to the one stderr.
    this.child.stderr!.on('data', (d: Buffer) => {
      this.out += d.toString();
      const parts = this.out.split('\n');
      this.out = parts.pop()!;
      for (const l of parts) if (l.startsWith('{')) this.lines.push(JSON.parse(l) as LogLine);
    });
    this.exited = new Promise((r) => this.child.on('exit', (code) => r(code)));
  }

  async ready(): Promise<void> {
    await waitFor(() => this.ports.http > 0, 20_000);
  }

  workerPids(): Map<number, number> {
    return new Map(this.lines.filter((l) => l.msg === 'worker process started').map((l) => [l.worker!, l.pid!]));
  }

  requests(): LogLine[] {
    return this.lines.filter((l) => l.msg === 'request');
  }
}

/** One request on its own connection, so the cluster hands it to the next worker. */
function fetch(port: number, path: string): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet({ host: '127.0.0.1', port, path, agent: false, headers: { host: 'images.maas.io' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

async function metrics(port: number): Promise<string> {
  return (await new Promise<{ body: Buffer }>((resolve, reject) => httpGet({ host: '127.0.0.1', port, path: '/metrics' }, (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => resolve({ body: Buffer.concat(chunks) }));
  }).on('error', reject))).body.toString();
}

function metric(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : 0;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let upstream: FakeUpstream | undefined;
const running: Served[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) s.child.kill('SIGKILL');
  await upstream?.close();
});

async function start(mode: 'online' | 'offline'): Promise<{ s: Served; dataDir: string; certsDir: string }> {
  upstream = new FakeUpstream();
  const uport = await upstream.listen();
  const dir = tempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, 'listen: 127.0.0.1\nports: { http: 0, https: 0, dns: 0 }\nadmin: { listen: 127.0.0.1:0 }\nlog: { level: info }\nhttp: { workers: 2 }\n');
  const dataDir = join(dir, 'data');
  const certsDir = join(dir, 'certs');
  const s = new Served(['--config', config, '--data-dir', dataDir, '--certs-dir', certsDir, '--mode', mode, '--upstream-resolve', `images.maas.io=127.0.0.1:${uport}`]);
  running.push(s);
  await s.ready();
  return { s, dataDir, certsDir };
}

describe('serve with http.workers: 2', () => {
  it('fetches a miss once for concurrent clients on both workers, then serves hits from both', async () => {
    const { s } = await start('online');
    const body = Buffer.alloc(3_000_000);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7) & 0xff;
    upstream!.put('/ephemeral-v3/stable/big', { body, dripMs: 20 });
    const got = await Promise.all(Array.from({ length: 8 }, () => fetch(s.ports.http, '/ephemeral-v3/stable/big')));
    for (const r of got) {
      expect(r.status).toBe(200);
      expect(r.body.equals(body)).toBe(true);
    }
    expect(upstream!.count('/ephemeral-v3/stable/big')).toBe(1);
    await waitFor(() => s.requests().length === 8);
    expect(new Set(s.requests().map((l) => l.worker))).toEqual(new Set([1, 2]));

    const hits = await Promise.all(Array.from({ length: 6 }, () => fetch(s.ports.http, '/ephemeral-v3/stable/big')));
    expect(hits.every((r) => r.status === 200 && r.body.length === body.length)).toBe(true);
    await waitFor(() => s.requests().length === 14);
    expect(new Set(s.requests().filter((l) => l.cache === 'hit').map((l) => l.worker))).toEqual(new Set([1, 2]));
    expect(upstream!.count('/ephemeral-v3/stable/big')).toBe(1);

    await new Promise((r) => setTimeout(r, 200)); // records reach the primary every 100 ms
    const m = await metrics(s.ports.admin);
    expect(metric(m, 'airgap_cache_upstream_fetches_total{namespace="maas-images"}')).toBe(1);
    expect(metric(m, 'airgap_cache_fill_joins_total')).toBe(7);
    expect(metric(m, 'airgap_cache_requests_total{group="maas-images",site="images",status="200",cache="fill"}')).toBe(8);
    expect(metric(m, 'airgap_cache_requests_total{group="maas-images",site="images",status="200",cache="hit"}')).toBe(6);
    // The workers' own process figures, summed: two processes' worth of memory, above the primary's.
    const rss = metric(m, 'airgap_cache_workers_process_resident_memory_bytes');
    expect(rss).toBeGreaterThan(metric(m, 'airgap_cache_process_resident_memory_bytes'));
    expect(m.split('\n').filter((l) => l.startsWith('# TYPE airgap_cache_requests_total')).length).toBe(1);
  }, 40_000);

  it('the worker owning a fill dying breaks every client of it (never a short 200); the next request fetches again', async () => {
    const { s, dataDir } = await start('online');
    const body = Buffer.alloc(2_000_000, 5);
    upstream!.put('/ephemeral-v3/stable/drip', { body, dripMs: 150 });
    const clients = Array.from({ length: 4 }, () => fetch(s.ports.http, '/ephemeral-v3/stable/drip').then((r) => `${r.status} ${r.body.length}`, () => 'broken'));
    // The temporary file is named after the process writing it: the owner.
    let owner = 0;
    await waitFor(() => {
      const part = readdirSync(join(dataDir, 'tmp')).find((n) => n.endsWith('.part'));
      owner = part ? Number(part.split('-')[0]) : 0;
      return owner > 0;
    });
    await waitFor(() => s.requests().length === 0 && upstream!.count('/ephemeral-v3/stable/drip') === 1);
    process.kill(owner, 'SIGKILL');
    const outcomes = await Promise.all(clients);
    expect(outcomes.filter((o) => o !== 'broken')).toEqual([]);
    await waitFor(() => s.lines.some((l) => l.msg === 'worker process exited; starting a replacement'));
    upstream!.put('/ephemeral-v3/stable/drip', body);
    const again = await fetch(s.ports.http, '/ephemeral-v3/stable/drip');
    expect(again.status).toBe(200);
    expect(again.body.equals(body)).toBe(true);
    expect(upstream!.count('/ephemeral-v3/stable/drip')).toBe(2);
  }, 40_000);

  it('an import while serving is seen by every worker', async () => {
    const { s, dataDir } = await start('offline');
    const before = await Promise.all(Array.from({ length: 4 }, () => fetch(s.ports.http, '/imported')));
    expect(before.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    const importer = openStore({ dataDir, watchIntervalMs: 0 });
    const body = Buffer.from('brought across the gap');
    await writeBlob(importer, body);
    importer.commitImport([entry('maas-images', '/imported', body)], { id: 'bundle-1', importedAt: Date.now(), info: {} });
    importer.close();
    const after = await Promise.all(Array.from({ length: 4 }, () => fetch(s.ports.http, '/imported')));
    expect(after.map((r) => `${r.status} ${r.body.toString()}`)).toEqual(Array(4).fill('200 brought across the gap'));
    await waitFor(() => s.requests().length === 8);
    expect(new Set(s.requests().slice(4).map((l) => l.worker))).toEqual(new Set([1, 2]));
  }, 40_000);

  it('serves HTTPS from both workers with certificates on the one leaf key the primary made', async () => {
    const { s, certsDir } = await start('offline');
    expect(existsSync(join(certsDir, 'leaf', 'leaf.key'))).toBe(true);
    const ca = readFileSync(join(certsDir, 'ca.crt'));
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        new Promise<number>((resolve, reject) =>
          httpsGet({ host: '127.0.0.1', port: s.ports.https, path: '/nothing', servername: 'images.maas.io', headers: { host: 'images.maas.io' }, ca, agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          }).on('error', reject),
        ),
      ),
    );
    expect(statuses).toEqual([404, 404, 404, 404]);
    await waitFor(() => s.requests().length === 4);
    expect(new Set(s.requests().map((l) => l.worker))).toEqual(new Set([1, 2]));
  }, 40_000);

  it('every worker signs with a rotated CA within seconds, without a restart', async () => {
    const { s, certsDir } = await start('offline');
    const get = (ca: Buffer): Promise<number> =>
      new Promise<number>((resolve, reject) =>
        httpsGet({ host: '127.0.0.1', port: s.ports.https, path: '/nothing', servername: 'images.maas.io', headers: { host: 'images.maas.io' }, ca, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        }).on('error', reject),
      );
    const old = readFileSync(join(certsDir, 'ca.crt'));
    expect(await get(old)).toBe(404);
    rotateCa(certsDir);
    const next = readFileSync(join(certsDir, 'ca.crt'));
    await new Promise((r) => setTimeout(r, 1_500));
    const before = s.requests().length;
    expect(await Promise.all(Array.from({ length: 6 }, () => get(next)))).toEqual([404, 404, 404, 404, 404, 404]);
    await waitFor(() => s.requests().length === before + 6);
    expect(new Set(s.requests().slice(before).map((l) => l.worker))).toEqual(new Set([1, 2]));
    await expect(get(old)).rejects.toThrow(/certificate|verify|signature/i);
  }, 40_000);

  it('replaces a killed worker while clients keep being served; SIGTERM stops every process', async () => {
    const { s, dataDir } = await start('offline');
    const store = openStore({ dataDir, watchIntervalMs: 0 });
    const body = Buffer.from('still here');
    await writeBlob(store, body);
    store.commit([entry('maas-images', '/x', body)]);
    store.close();
    const [first, second] = [...s.workerPids().values()];
    process.kill(first!, 'SIGKILL');
    // A connection the primary hands over in the instant the worker dies is lost with it (node's
    // round-robin keeps no copy); once the primary has seen the exit, new ones go to the living.
    await waitFor(() => s.lines.some((l) => l.msg === 'worker process exited; starting a replacement'));
    for (let i = 0; i < 20; i++) expect((await fetch(s.ports.http, '/x')).status).toBe(200);
    await waitFor(() => s.workerPids().size === 3);
    const pids = [...s.workerPids().values()];
    for (let i = 0; i < 6; i++) expect((await fetch(s.ports.http, '/x')).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(alive(second!)).toBe(false);
    expect(pids.filter(alive)).toEqual([]);
  }, 40_000);
});

describe('workerCount', () => {
  it('reads 0 and auto as one per CPU', () => {
    expect(workerCount(3)).toBe(3);
    expect(workerCount('auto')).toBeGreaterThanOrEqual(1);
    expect(workerCount(0)).toBe(workerCount('auto'));
  });
});
