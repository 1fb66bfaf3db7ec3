// APT end to end: seed a signed Ubuntu-like archive (served by a stand-in upstream on another
// loopback address) into a bundle, import it, serve it offline, and run real apt-get against the
// real host names: update, install --download-only with dependencies, download, Hit: on the
// second update, ports for arm64, and apt's own 404 for a package that was not seeded.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AptClient } from '../helpers/apt-client.js';
import { StaticUpstream } from '../helpers/static-upstream.js';
import { cliPath, repoRoot, run, startServe, type ServeHandle } from './harness.js';

const UPSTREAM = '127.0.0.3';
const resolve = ['archive.ubuntu.com', 'security.ubuntu.com', 'ports.ubuntu.com'].flatMap((h) => ['--upstream-resolve', `${h}=${UPSTREAM}:8080`]);

let work: string;
let archive: string;
let upstream: StaticUpstream;
let serve: ServeHandle;
let afterImport = 0;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'agc-apt-e2e-'));
  archive = join(work, 'archive');
  execFileSync('bash', [join(repoRoot, 'test/helpers/make-apt-archive.sh'), archive], { stdio: 'ignore' });
  upstream = new StaticUpstream(archive);
  await upstream.listen(8080, UPSTREAM);
  const keyring = join(archive, 'keyring.gpg');
  writeFileSync(
    join(work, 'manifest.yaml'),
    `apt:
  - mirror: http://archive.ubuntu.com/ubuntu
    suites: [noble, noble-updates]
    components: [main, universe]
    architectures: [amd64]
    keyring: ${keyring}
    packages: { names: [hello], priorities: [required] }
  - mirror: http://security.ubuntu.com/ubuntu
    suites: [noble-security]
    components: [main, universe]
    keyring: ${keyring}
  - mirror: http://ports.ubuntu.com/ubuntu-ports
    suites: [noble]
    components: [main]
    architectures: [arm64]
    keyring: ${keyring}
    packages: { names: [hello] }
`,
  );
  const seeded = await run(process.execPath, [cliPath, 'seed', join(work, 'manifest.yaml'), '--out', join(work, 'apt.bundle'), ...resolve], { timeoutMs: 120_000 });
  if (seeded.code !== 0) throw new Error(`seed failed:\n${seeded.stdout}\n${seeded.stderr}`);
  const imported = await run(process.execPath, [cliPath, 'import', join(work, 'apt.bundle'), '--data-dir', join(work, 'data'), '--apt-keyring', keyring], { timeoutMs: 120_000 });
  if (imported.code !== 0) throw new Error(`import failed:\n${imported.stdout}\n${imported.stderr}`);
  afterImport = upstream.total;
  serve = await startServe({ dataDir: join(work, 'data') });
}, 240_000);

afterAll(async () => {
  await serve?.stop();
  await upstream?.close();
});

function client(name: string, sources: string[], arch?: string): AptClient {
  const keyring = join(archive, 'keyring.gpg');
  return new AptClient(join(work, name), sources.map((s) => s.replace('KEY', keyring)), arch);
}

describe('APT through the appliance, offline, real apt-get', () => {
  const sources = [
    'deb [signed-by=KEY] http://archive.ubuntu.com/ubuntu noble main universe',
    'deb [signed-by=KEY] http://archive.ubuntu.com/ubuntu noble-updates main universe',
    'deb [signed-by=KEY] http://security.ubuntu.com/ubuntu noble-security main universe',
  ];

  it('update, install --download-only with the dependency closure, download, then only Hit: on the second update', async () => {
    const c = client('amd64', sources);
    const first = await c.apt(['update']);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Get:\d+ http:\/\/archive\.ubuntu\.com\/ubuntu noble InRelease/);
    expect(first.stdout).toMatch(/Get:\d+ http:\/\/security\.ubuntu\.com\/ubuntu noble-security InRelease/);
    expect(first.stderr, first.stderr).not.toMatch(/^[WE]:/m);

    const install = await c.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'hello']);
    expect(install.code, install.stdout + install.stderr).toBe(0);
    const debs = readdirSync(join(c.dir, 'cache/archives')).filter((f) => f.endsWith('.deb')).sort();
    expect(debs).toEqual(['greeter_1.0_amd64.deb', 'hello-doc_2.10-3_all.deb', 'hello_2.10-3_amd64.deb', 'libgreet1_1.1-1_amd64.deb']);

    const dl = await c.apt(['download', 'hello']);
    expect(dl.code, dl.stdout + dl.stderr).toBe(0);
    expect(existsSync(join(c.dir, 'dl', 'hello_2.10-3_amd64.deb'))).toBe(true);

    const second = await c.apt(['update']);
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/^Get:/m);
    expect(second.stdout.match(/^Hit:/gm)?.length).toBe(3);
  });

  it('a package that was not seeded fails with apt\'s normal 404', async () => {
    const c = client('missing', sources);
    expect((await c.apt(['update'])).code).toBe(0);
    const r = await c.apt(['install', '-y', '--download-only', '-o', 'Debug::NoLocking=1', 'unseeded']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Failed to fetch http:\/\/archive\.ubuntu\.com\/ubuntu\/pool\/main\/u\/unseeded\/unseeded_1\.0_amd64\.deb\s+404/);
  });

  it('ports.ubuntu.com serves its own tree for arm64', async () => {
    const c = client('arm64', ['deb [signed-by=KEY] http://ports.ubuntu.com/ubuntu-ports noble main'], 'arm64');
    const up = await c.apt(['update']);
    expect(up.code, up.stdout + up.stderr).toBe(0);
    const dl = await c.apt(['download', 'hello']);
    expect(dl.code, dl.stdout + dl.stderr).toBe(0);
    expect(existsSync(join(c.dir, 'dl', 'hello_2.10-3_arm64.deb'))).toBe(true);
  });

  it('offline: the upstream, still up, was not asked for anything while apt ran', () => {
    expect(afterImport).toBeGreaterThan(0);
    expect(upstream.total).toBe(afterImport);
  });
});
