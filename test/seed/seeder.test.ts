import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultHostGroups } from '../../src/config/schema.js';
import { silentLogger } from '../../src/log.js';
import { importBundle } from '../../src/seed/importer.js';
import { parseManifest } from '../../src/seed/manifest.js';
import { seed, workDirFor } from '../../src/seed/seeder.js';
import { openStore } from '../../src/store/store.js';
import { createUpstreamAgent } from '../../src/upstream/agent.js';
import type { UpstreamDispatcher } from '../../src/upstream/get.js';
import { sha256 } from '../helpers/bundles.js';
import { RangeUpstream } from '../helpers/range-upstream.js';
import { tempDir } from '../helpers/tmp.js';

let up: RangeUpstream;
let dispatcher: UpstreamDispatcher;
let port: number;

beforeEach(async () => {
  up = new RangeUpstream();
  port = await up.listen();
  const resolve = { 'images.maas.io': `127.0.0.1:${port}`, 'archive.ubuntu.com': `127.0.0.1:${port}` };
  dispatcher = createUpstreamAgent({ upstreamResolve: resolve, connectTimeoutMs: 2000, headersTimeoutMs: 2000, bodyTimeoutMs: 2000 });
});

afterEach(async () => {
  await dispatcher.close();
  await up.close();
});

const run = (manifestText: string, out: string, extra = {}) =>
  seed({ manifest: parseManifest(manifestText, 'm.yaml'), out, hostGroups: defaultHostGroups(), dispatcher, retryDelayMs: 10, log: silentLogger(), ...extra });

describe('seed', () => {
  it('fetches what the manifest lists into one bundle that imports into the right namespaces and paths', async () => {
    up.put('/ephemeral-v3/stable/streams/v1/index.sjson', { body: Buffer.from('signed index'), contentType: 'application/json' });
    up.put('/ubuntu/dists/noble/InRelease', 'release');
    const out = join(tempDir(), 'site', 'seed.bundle');
    const manifest = `urls:\n  - http://images.maas.io:${port}/ephemeral-v3/stable/streams/v1/index.sjson\n  - url: http://archive.ubuntu.com:${port}/ubuntu/dists/noble/InRelease\n    sha256: ${sha256('release')}\n`;
    const r = await run(manifest, out);
    expect(r.bundle).toMatchObject({ objects: 2, blobs: 2 });
    expect(existsSync(workDirFor(out))).toBe(false);
    const info = JSON.parse(execFileSync('tar', ['xOf', out, 'airgap-cache-bundle/bundle.json'], { encoding: 'utf8' })) as { manifest: string; requested: unknown[] };
    expect(info.manifest).toBe(manifest);
    expect(info.requested).toHaveLength(2);

    const store = openStore({ dataDir: tempDir(), watchIntervalMs: 0 });
    await importBundle({ store, source: createReadStream(out), name: out, log: silentLogger() });
    const idx = store.lookup('maas-images', '/ephemeral-v3/stable/streams/v1/index.sjson')!;
    expect(idx.contentType).toBe('application/json');
    expect(readFileSync(store.blobPath(idx.sha256), 'utf8')).toBe('signed index');
    expect(store.lookup('ubuntu-archive', '/ubuntu/dists/noble/InRelease')).toBeDefined();
    store.close();
  });

  it('checks the whole manifest before fetching anything', async () => {
    up.put('/a', 'a');
    const manifest = `urls:\n  - http://images.maas.io:${port}/a\n  - http://not-served.example/b\n`;
    await expect(run(manifest, join(tempDir(), 'x.bundle'))).rejects.toMatchObject({ code: 'AGC_ERR_MANIFEST', message: expect.stringMatching(/urls\[1\]: http:\/\/not-served\.example\/b names host not-served\.example/) });
    expect(up.served).toHaveLength(0);
  });

  it('writes no bundle when something cannot be fetched, and keeps what was fetched for the next run', async () => {
    up.put('/a', 'a');
    const out = join(tempDir(), 'x.bundle');
    const manifest = `urls:\n  - http://images.maas.io:${port}/a\n  - http://images.maas.io:${port}/later\n`;
    await expect(run(manifest, out)).rejects.toMatchObject({ code: 'AGC_ERR_SEED', message: expect.stringMatching(/1 of 2 could not be fetched/) });
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(workDirFor(out), 'journal.ndjson'))).toBe(true);
    up.put('/later', 'now here');
    const r = await run(manifest, out);
    expect(r.stats).toMatchObject({ fetched: 1, reused: 1 });
    expect(up.count('/a')).toBe(1);
  });

  it('--fresh starts over; --keep-work keeps the work directory', async () => {
    up.put('/a', 'a');
    const out = join(tempDir(), 'x.bundle');
    const manifest = `urls: [http://images.maas.io:${port}/a]\n`;
    await run(manifest, out, { keepWork: true });
    expect(existsSync(workDirFor(out))).toBe(true);
    expect((await run(manifest, out)).stats).toMatchObject({ reused: 1 });
    expect((await run(manifest, out, { fresh: true })).stats).toMatchObject({ fetched: 1 });
    expect(up.count('/a')).toBe(2);
  });
});
