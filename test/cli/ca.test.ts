import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { certificateOf } from '../../src/tls/pem.js';
import { tempDir } from '../helpers/tmp.js';
import { runCli } from './run-cli.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('airgap-cache ca', () => {
  it('cert prints the CA certificate and never the key; the key file is 0600', async () => {
    const dir = tempDir();
    const r = await runCli(['ca', 'cert', '--certs-dir', dir]);
    expect(r.code).toBe(0);
    expect(certificateOf(r.stdout.toString()).isCa).toBe(true);
    expect(r.stdout.toString()).not.toMatch(/PRIVATE KEY/);
    expect(statSync(join(dir, 'ca.key')).mode & 0o777).toBe(0o600);
  });

  it('rotate switches to a new CA, keeps the old one trusted, and --finish drops it', async () => {
    const dir = tempDir();
    const before = certificateOf((await runCli(['ca', 'cert', '--certs-dir', dir])).stdout.toString());
    const rotated = await runCli(['ca', 'rotate', '--certs-dir', dir]);
    expect(rotated.code).toBe(0);
    const after = certificateOf((await runCli(['ca', 'cert', '--certs-dir', dir])).stdout.toString());
    expect(after.fingerprint256).not.toBe(before.fingerprint256);
    expect(rotated.stdout.toString()).toContain(`new CA:      SHA-256 ${after.fingerprint256}`);
    expect(rotated.stdout.toString()).toContain(`previous CA: SHA-256 ${before.fingerprint256} (still trusted in the user-data)`);
    expect(rotated.stdout.toString()).toMatch(/restart `airgap-cache serve`/);

    const status = JSON.parse((await runCli(['ca', 'status', '--json', '--certs-dir', dir])).stdout.toString());
    expect(status.current.fingerprint256).toBe(after.fingerprint256);
    expect(status.previous.map((p: { fingerprint256: string }) => p.fingerprint256)).toEqual([before.fingerprint256]);

    const finished = await runCli(['ca', 'rotate', '--finish', '--certs-dir', dir]);
    expect(finished.stdout.toString()).toContain(`no longer trusted: ${before.subject}`);
    expect(JSON.parse((await runCli(['ca', 'status', '--json', '--certs-dir', dir])).stdout.toString()).previous).toEqual([]);
  });

  it('status and rotate without a CA fail in one line, printing nothing on stdout', async () => {
    const dir = join(tempDir(), 'empty');
    for (const cmd of [['status'], ['rotate']]) {
      const r = await runCli(['ca', ...cmd, '--certs-dir', dir]);
      expect(r.code).toBe(1);
      expect(r.stdout.length).toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no CA in .*empty/);
    }
  });
});
