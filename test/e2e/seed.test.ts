// Seeding across the gap, end to end with the real CLI and real curl in the loopback world: seed
// from a stand-in upstream (another loopback address, reached with --upstream-resolve), import into
// a fresh appliance, serve it offline, and fetch by the real host names over HTTP and HTTPS; then
// import a newer bundle while 20 clients keep downloading, and check no client ever sees an error
// or a mix of old and new.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBundle } from '../helpers/bundles.js';
import { RangeUpstream } from '../helpers/range-upstream.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

const UPSTREAM = '127.0.0.4';
const UPORT = 8080;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const objects: Record<string, Buffer> = {
  '/ephemeral-v3/stable/notes/index.sjson': Buffer.from('{"format": "index:1.0"}\n'),
  '/ephemeral-v3/stable/notes/com.ubuntu.maas:stable:v3:download.json': Buffer.from('{"products": {}}\n'),
  '/ephemeral-v3/stable/noble/amd64/20250101/squashfs': Buffer.from(Array.from({ length: 5_000_000 }, (_, i) => (i * 131) % 251)),
};

let work: string;
let upstream: RangeUpstream;
let serve: ServeHandle;

const cli = (args: string[], timeoutMs = 120_000) => run(process.execPath, [cliPath, ...args], { timeoutMs });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-seed-e2e-'));
  upstream = new RangeUpstream();
  for (const [path, body] of Object.entries(objects)) upstream.put(path, { body, contentType: path.endsWith('json') ? 'application/json' : 'application/octet-stream' });
  await upstream.listen(UPSTREAM, UPORT);
  writeFileSync(join(work, 'seed.yaml'), 'urls:\n' + Object.keys(objects).map((p) => `  - http://images.maas.io${p}\n`).join(''));
  const seeded = await cli(['seed', join(work, 'seed.yaml'), '--out', join(work, 'maas.bundle'), '--upstream-resolve', `images.maas.io=${UPSTREAM}:${UPORT}`]);
  if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const imported = await cli(['import', join(work, 'maas.bundle'), '--data-dir', join(work, 'data')]);
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
  serve = await startServe({ dataDir: join(work, 'data') });
}, 180_000);

afterAll(async () => {
  await serve?.stop();
  await upstream?.close();
});

const curl = (args: string[]) => run('curl', ['-sS', '--fail', '--max-time', '20', ...args]);

describe('seed -> bundle -> import -> serve offline, real curl', () => {
  it('every seeded URL answers by its real host name with the identical bytes, over HTTP and HTTPS', async () => {
    const requestsBefore = upstream.served.length;
    for (const [path, body] of Object.entries(objects)) {
      for (const scheme of ['http', 'https']) {
        const r = await run('sh', ['-c', `curl -sS --fail --cacert '${join(serve.certsDir, 'ca.crt')}' '${scheme}://images.maas.io${path}' | sha256sum`]);
        expect(r.code).toBe(0);
        expect(r.stdout.split(' ')[0]).toBe(sha(body));
      }
    }
    const head = await curl(['-I', 'http://images.maas.io/ephemeral-v3/stable/notes/index.sjson']);
    expect(head.stdout).toMatch(/content-type: application\/json/i);
    expect(upstream.served.length).toBe(requestsBefore);
  });

  it('status lists the import and everything its manifest asked for as present', async () => {
    const r = await cli(['status', '--data-dir', serve.dataDir]);
    expect(r.stdout).toMatch(/^maas-images +3 objects/m);
    expect(r.stdout).toMatch(/: complete\n( {2}urls: http:\/\/images\.maas\.io\/.*: 1\/1 present\n?){3}/);
  });

  it('a newer bundle imported while 20 clients download: no error, no mix, then everyone sees the new bytes', async () => {
    const pair = ['/ephemeral-v3/stable/notes/index.sjson', '/ephemeral-v3/stable/notes/com.ubuntu.maas:stable:v3:download.json'];
    const v1 = pair.map((p) => sha(objects[p]!));
    const newer = pair.map((p, i) => ({ path: p, body: `{"version": 2, "file": ${i}}\n`, fetchedAt: Date.now() + 60_000 }));
    const v2 = newer.map((o) => sha(o.body));
    // A large payload makes the import take a while, so the clients overlap it.
    const { file } = await makeBundle([...newer, { path: '/ephemeral-v3/stable/noble/amd64/20250201/squashfs', body: Buffer.alloc(400 << 20, 0x5a) }], join(work, 'newer.bundle'));

    let importing = true;
    const problems: string[] = [];
    const seen = { v1: 0, v2: 0 };
    // Each client's answers, in the order it got them, must run old...old new...new: an answer that
    // is neither version is a torn object, and an old one after a new one is a mixed state.
    // The server sees another process's commit within a second (README "How it serves"), so a
    // client keeps asking until it has seen the new bytes, for at most 3 s after the import ended.
    let importEnded = 0;
    const client = async (n: number): Promise<void> => {
      let sawNew = false;
      for (let round = 0; importing || round < 3 || (!sawNew && Date.now() - importEnded < 3000); round++) {
        for (const [i, p] of pair.entries()) {
          const r = await run('sh', ['-c', `curl -sS --fail --max-time 20 'http://images.maas.io${p}' | sha256sum`]);
          if (r.code !== 0 || r.stderr) problems.push(`client ${n}: ${p}: exit ${r.code} ${r.stderr.trim()}`);
          const h = r.stdout.split(' ')[0];
          if (h === v2[i]) {
            sawNew = true;
            seen.v2 += 1;
          } else if (h === v1[i]) {
            if (sawNew) problems.push(`client ${n}: old ${p} after new bytes`);
            seen.v1 += 1;
          } else problems.push(`client ${n}: ${p}: bytes of neither version (${h})`);
        }
      }
      if (!sawNew) problems.push(`client ${n}: never saw the new bytes (asked until ${Date.now() - importEnded} ms after the import ended)`);
    };
    const clients = Array.from({ length: 20 }, (_, n) => client(n));
    await new Promise((r) => setTimeout(r, 500));
    const imported = await cli(['import', file, '--data-dir', serve.dataDir]);
    importEnded = Date.now();
    importing = false;
    await Promise.all(clients);
    expect(problems).toEqual([]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/added 1, replaced 2/);
    expect(seen.v1).toBeGreaterThan(0);
    expect(seen.v2).toBeGreaterThan(0);
  }, 240_000);
});
