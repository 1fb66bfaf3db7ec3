// The pool with a stand-in worker script: start, messages, replacement of a dead worker, stop.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/http/cluster.js';
import { silentLogger } from '../../src/log.js';
import { tempDir } from '../helpers/tmp.js';

const script = `
process.on('SIGTERM', () => process.exit(0));
if (process.argv[2] === 'die-early') process.exit(3);
process.on('message', (m) => { if (m.t === 'pid') process.send({ t: 'pid', pid: process.pid }); if (m.t === 'echo') process.send({ t: 'echo', v: m.v }); });
process.send({ t: 'ready', ports: { http: 1, https: 2 } });
setInterval(() => undefined, 1000);
`;

function workerScript(): string {
  const file = join(tempDir(), 'worker.mjs');
  writeFileSync(file, script);
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('WorkerPool', () => {
  it('starts every worker, passes messages both ways, replaces a dead one and stops them all', async () => {
    const got: [number, unknown][] = [];
    const exited: number[] = [];
    const pool = new WorkerPool({ count: 2, log: silentLogger(), exec: workerScript(), onMessage: (w, m) => got.push([w, m]), onExit: (w) => exited.push(w) });
    expect(await pool.start()).toEqual({ http: 1, https: 2 });
    expect(pool.ready).toBe(2);
    const [a, b] = pool.ids();
    pool.send(a!, { t: 'echo', v: 'hi' });
    pool.send(a!, { t: 'pid' });
    pool.send(b!, { t: 'pid' });
    await waitFor(() => got.length === 3);
    expect(got).toContainEqual([a, { t: 'echo', v: 'hi' }]);
    const pidOf = (w: number): number => (got.find(([from, m]) => from === w && (m as { t: string }).t === 'pid')![1] as { pid: number }).pid;
    const pids = [pidOf(a!), pidOf(b!)];
    process.kill(pids[0]!, 'SIGKILL');
    await waitFor(() => exited.length === 1 && pool.ready === 2);
    expect(exited).toEqual([a]);
    expect(pool.replaced).toBe(1);
    expect(pool.ids()).not.toContain(a);
    await pool.stop();
    expect(pool.ready).toBe(0);
    expect(pids.some(alive)).toBe(false);
  });

  it('fails the start when a worker exits before it is ready, and leaves no worker behind', async () => {
    const pool = new WorkerPool({ count: 2, log: silentLogger(), exec: workerScript(), args: ['die-early'], onMessage: () => undefined, onExit: () => undefined });
    await expect(pool.start()).rejects.toThrow(/worker process exited before its doors were open \(code 3\)/);
    expect(pool.ids()).toEqual([]);
  });
});

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
