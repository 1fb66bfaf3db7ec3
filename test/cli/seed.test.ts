// `airgap-cache seed`, spawned: a bundle from a fake upstream, an interrupted seed (kill -9) that
// resumes without fetching anything complete twice, the proxy option, and one-line failures.
import { execFileSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../helpers/bundles.js';
import { runCli, startCli } from '../helpers/cli.js';
import { RangeUpstream, type RangeObject } from '../helpers/range-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let up: RangeUpstream;
let port: number;

beforeEach(async () => {
  up = new RangeUpstream();
  port = await up.listen();
});
afterEach(() => up.close());

const payloads: Record<string, Buffer> = {
  '/ephemeral-v3/stable/streams/v1/index.sjson': Buffer.from('{"index": "signed"}\n'),
  '/ephemeral-v3/stable/noble/amd64/20250101/boot-kernel': Buffer.alloc(300_000, 1),
  '/ephemeral-v3/stable/noble/amd64/20250101/squashfs': Buffer.from(Array.from({ length: 3_000_000 }, (_, i) => (i * 7) % 256)),
};

function manifest(dir: string): string {
  const file = join(dir, 'seed.yaml');
  writeFileSync(file, 'urls:\n' + Object.keys(payloads).map((p) => `  - http://images.maas.io:${port}${p}\n`).join(''));
  return file;
}

function serveAll(slow: Partial<RangeObject> = {}): void {
  for (const [path, body] of Object.entries(payloads)) up.put(path, { body, ...(path.endsWith('squashfs') ? slow : {}) });
}

/** (ns, path, sha256, size) of every object, and each payload's bytes, read with tar. */
function contents(bundle: string) {
  const lines = execFileSync('tar', ['xOf', bundle, 'airgap-cache-bundle/objects.ndjson'], { encoding: 'utf8' }).trim().split('\n');
  const objects = lines.map((l) => JSON.parse(l) as { ns: string; path: string; sha256: string; size: number }).map(({ ns, path, sha256, size }) => ({ ns, path, sha256, size }));
  const out = tempDir();
  execFileSync('tar', ['xf', bundle, '-C', out]);
  const bytes = objects.map((o) => sha256(readFileSync(join(out, 'blobs/sha256', o.sha256.slice(0, 2), o.sha256))));
  return { objects, bytes };
}

const resolveFlag = () => ['--upstream-resolve', `images.maas.io=127.0.0.1:${port}`];

describe('airgap-cache seed', () => {
  it('writes one bundle that tar lists, with what the manifest asked for', async () => {
    serveAll();
    const dir = tempDir();
    const out = join(dir, 'out', 'maas.bundle');
    const r = await runCli(['seed', manifest(dir), '--out', out, ...resolveFlag()]);
    expect(r.stderr).toMatch(/seed: writing bundle: 3\/3 objects/);
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/^bundle .*maas\.bundle: id [0-9a-f]{12}, 3 objects, 3 payloads/m);
    expect(r.stdout).toMatch(/fetched 3 .* reused 0/);
    const c = contents(out);
    expect(c.objects.map((o) => o.path).sort()).toEqual(Object.keys(payloads).sort());
    expect(c.bytes).toEqual(c.objects.map((o) => sha256(payloads[o.path]!)));
    expect(existsSync(`${out}.work`)).toBe(false);
  });

  it('killed halfway, then run again: the same content, and nothing complete is fetched twice', async () => {
    // ~2 s for the big object, so the kill lands in the middle of it after the small ones finished.
    serveAll({ rate: 1_500_000 });
    const dir = tempDir();
    const out = join(dir, 'maas.bundle');
    const first = startCli(['seed', manifest(dir), '--out', out, ...resolveFlag()]);
    const squash = '/ephemeral-v3/stable/noble/amd64/20250101/squashfs';
    for (let i = 0; i < 200 && !(up.count(Object.keys(payloads)[1]!, { complete: true }) === 1 && up.bytes(squash) > 1_000_000); i++) await new Promise((r) => setTimeout(r, 25));
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    const halfway = up.bytes(squash);
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(payloads[squash]!.length);

    up.objects.get(squash)!.rate = undefined;
    const second = await runCli(['seed', manifest(dir), '--out', out, ...resolveFlag()]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/fetched 1 .* reused 2 from an earlier run/);
    for (const path of Object.keys(payloads).filter((p) => p !== squash)) expect(up.count(path)).toBe(1);
    // The big one was resumed: the second request asked only for the rest.
    expect(up.served.filter((s) => s.path === squash).map((s) => s.status)).toEqual([200, 206]);
    expect(up.bytes(squash)).toBeLessThan(payloads[squash]!.length + 1_000_000);

    const reference = join(tempDir(), 'reference.bundle');
    const ref = await runCli(['seed', manifest(dir), '--out', reference, ...resolveFlag()]);
    expect(ref.code, ref.stderr).toBe(0);
    expect(contents(out)).toEqual(contents(reference));
  });

  it('fetches through --upstream-proxy', async () => {
    serveAll();
    const seen: string[] = [];
    const proxy = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      const fwd = httpRequest({ host: '127.0.0.1', port, path: new URL(req.url!).pathname, headers: req.headers }, (r) => {
        res.writeHead(r.statusCode!, r.headers);
        r.pipe(res);
      });
      req.pipe(fwd);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const dir = tempDir();
    const m = join(dir, 'seed.yaml');
    writeFileSync(m, 'urls:\n  - http://images.maas.io/ephemeral-v3/stable/streams/v1/index.sjson\n');
    const r = await runCli(['seed', m, '--out', join(dir, 'p.bundle'), '--upstream-proxy', `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`]);
    proxy.closeAllConnections();
    proxy.close();
    expect(r).toMatchObject({ code: 0 });
    expect(seen).toEqual(['GET http://images.maas.io/ephemeral-v3/stable/streams/v1/index.sjson']);
  });

  it('fails in one line: a bad manifest names the key, a missing object names the URL', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'm'));
    const bad = join(dir, 'm', 'bad.yaml');
    writeFileSync(bad, 'urls:\n  - url: http://images.maas.io/x\n    sha256: nothex\n');
    const r1 = await runCli(['seed', bad, '--out', join(dir, 'x.bundle')]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/airgap-cache: .*bad\.yaml:3: urls\[0\]\.sha256: expected 64 hex digits/);
    const missing = join(dir, 'm', 'missing.yaml');
    writeFileSync(missing, `urls:\n  - http://images.maas.io:${port}/not/there\n`);
    const r2 = await runCli(['seed', missing, '--out', join(dir, 'y.bundle'), ...resolveFlag()]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(/airgap-cache: urls: 1 of 1 could not be fetched:\n.*\/not\/there: upstream has no such object \(404\)/);
    expect(existsSync(join(dir, 'y.bundle'))).toBe(false);
  });
});
