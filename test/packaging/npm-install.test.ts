// The package as an admin installs it: `npm pack`, then `npm install -g` of the tarball into a
// fresh prefix (dependencies from npm's cache when it has them; better-sqlite3 is compiled if no
// prebuilt binary can be fetched, which takes minutes), then the `airgap-cache` bin: `status`
// opens a store, `serve` answers /healthz and /metrics. The systemd unit shipped in the package
// is then checked with systemd-analyze against that installed bin.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
// Shared by every test in the file (tempDir() would be gone after the first one).
const work = mkdtempSync(join(tmpdir(), 'agc-pack-'));
const prefix = join(work, 'prefix');
const bin = join(prefix, 'bin', 'airgap-cache');
const installed = join(prefix, 'lib', 'node_modules', 'airgap-cache');
let tarball = '';

beforeAll(async () => {
  const packed = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: root, maxBuffer: 16 << 20 });
  tarball = join(work, packed.stdout.trim().split('\n').at(-1)!);
  await run('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, maxBuffer: 64 << 20, env: { ...process.env, npm_config_loglevel: 'error' } });
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm pack -> npm install -g -> airgap-cache', () => {
  it('packs what an installation needs and nothing of the tests or sources', async () => {
    const { stdout } = await run('tar', ['tzf', tarball]);
    const files = stdout.trim().split('\n');
    expect(files).toEqual(expect.arrayContaining(['package/package.json', 'package/dist/cli/main.js', 'package/config/default.yaml', 'package/config/airgap-cache.service']));
    expect(files.filter((f) => /^package\/(src|test|bench|node_modules)\//.test(f))).toEqual([]);
  });

  it('installs a working bin: status opens a store, serve answers the admin door', async () => {
    const help = await run(bin, ['--help']);
    expect(help.stdout).toMatch(/Usage: airgap-cache/);
    const dataDir = join(work, 'data');
    expect((await run(bin, ['status', '--data-dir', dataDir])).stdout).toContain('the cache is empty');

    const config = join(work, 'serve.yaml');
    writeFileSync(config, 'listen: 127.0.0.1\nports: { http: 0, https: 0, dns: 0 }\nadmin: { listen: "127.0.0.1:0" }\nlog: { level: warn }\n');
    const child = spawn(bin, ['serve', '--config', config, '--data-dir', dataDir, '--certs-dir', join(work, 'certs')], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const ready = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const line = out.split('\n').find((l) => l.startsWith('airgap-cache ready'));
          if (line) resolve(line);
        });
        child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const admin = `http://${/admin (\S+),/.exec(ready)![1]}`;
      expect(await (await fetch(`${admin}/healthz`)).text()).toBe('ok\n');
      expect(await (await fetch(`${admin}/metrics`)).text()).toMatch(/^# TYPE airgap_cache_requests_total counter$/m);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);

  it('ships a systemd unit that systemd-analyze verifies against the installed bin', async () => {
    const shipped = readFileSync(join(installed, 'config', 'airgap-cache.service'), 'utf8');
    expect(shipped).toContain('ExecStart=airgap-cache serve ');
    const unitDir = tempDir('agc-unit-');
    const unit = join(unitDir, 'airgap-cache.service');
    writeFileSync(unit, shipped.replace('ExecStart=airgap-cache', `ExecStart=${bin}`));
    const verified = await run('systemd-analyze', ['verify', unit]);
    expect(verified.stdout + verified.stderr).toBe('');
    const broken = join(unitDir, 'broken.service');
    writeFileSync(broken, shipped.replace('ExecStart=airgap-cache', `ExecStart=${bin}`).replace('ProtectSystem=strict', 'ProtectSystem=strikt\nPrivateNetwrok=yes'));
    const complaint = await run('systemd-analyze', ['verify', broken]);
    expect(complaint.stderr).toMatch(/protect system value.*strikt/);
    expect(complaint.stderr).toMatch(/PrivateNetwrok/);
  });
});
