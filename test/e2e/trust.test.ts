// Trust, proven on a machine's real trust store: a fresh copy of Debian's store in a private mount
// namespace, the CA put there by cloud-init's own ca_certs module from the user-data the appliance
// serves (or by `curl | tee` for machines already running), then a real `curl https://...`
// without --cacert. A 404 body is fine: the TLS verification is what is proven.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCa } from '../../src/tls/ca.js';
import { certificateOf, certificatesIn } from '../../src/tls/pem.js';
import { bootScript, cloudInitPython, schemaCheck } from '../cloudinit/support/cloud-init.js';
import { cliPath, run, startServe, type ServeHandle } from './harness.js';

// cloud-init, update-ca-certificates and two serve starts per test: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 90_000 });

const script = new URL('./trust-store.sh', import.meta.url).pathname;
const SNAP = 'https://api.snapcraft.io/v2/snaps/info/core';
const CHARM = 'https://api.charmhub.io/v2/charms/info/ubuntu';
const work = mkdtempSync(join(tmpdir(), 'agc-trust-e2e-'));

interface Probe {
  when: 'before' | 'after';
  url: string;
  exit: number;
  status: string;
}

async function onFreshMachine(mode: 'cloud-init' | 'cert-file' | 'none', file: string, urls: string[]): Promise<{ probes: Probe[]; bundle: string[] }> {
  const bundleOut = join(work, `bundle-${Math.random().toString(36).slice(2)}.crt`);
  const r = await run('unshare', ['--mount', '--propagation', 'private', 'bash', script, mode, file, ...urls], {
    env: { CLOUD_INIT_PYTHON: await cloudInitPython(), BOOT_SCRIPT: bootScript, BUNDLE_OUT: bundleOut },
    timeoutMs: 120_000,
  });
  expect(r.code, r.stderr).toBe(0);
  const probes = r.stdout
    .trim()
    .split('\n')
    .map((l) => l.split(' '))
    .map(([when, url, exit, status]) => ({ when, url, exit: Number(exit), status }) as Probe);
  return { probes, bundle: certificatesIn(readFileSync(bundleOut, 'utf8')).map((c) => c.fingerprint256) };
}

const cli = (args: string[], input?: string) => run(process.execPath, [cliPath, ...args], { input });
const save = (name: string, content: string) => {
  const file = join(work, name);
  writeFileSync(file, content);
  return file;
};

let serve: ServeHandle;
beforeAll(async () => {
  serve = await startServe();
});
afterAll(async () => {
  await serve?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('a machine trusts the appliance through its user-data', () => {
  it('the user-data served over HTTP (by name and by bare address) passes cloud-init schema', async () => {
    for (const url of ['http://127.0.0.1/airgap-cache/user-data', 'http://archive.ubuntu.com/airgap-cache/user-data']) {
      const r = await run('curl', ['-fsS', url]);
      expect(r.code, url).toBe(0);
      const check = await schemaCheck(r.stdout);
      expect(check.stdout, url).toContain('Valid cloud-config');
    }
  });

  it('cloud-init applies it to a fresh Debian trust store, then curl https works without --cacert', async () => {
    const userData = (await run('curl', ['-fsS', 'http://127.0.0.1/airgap-cache/user-data'])).stdout;
    const ca = certificateOf(readFileSync(join(serve.certsDir, 'ca.crt'), 'utf8'));
    const { probes, bundle } = await onFreshMachine('cloud-init', save('user-data', userData), [SNAP, CHARM]);
    for (const url of [SNAP, CHARM]) {
      expect(probes.find((p) => p.when === 'before' && p.url === url)).toMatchObject({ exit: 60 });
      const after = probes.find((p) => p.when === 'after' && p.url === url)!;
      expect(after.exit, url).toBe(0);
      expect(after.status, url).toMatch(/^(404|421)$/);
    }
    expect(bundle).toContain(ca.fingerprint256);
  });

  it('MAAS user-data merged from the admin multipart: the appliance CA and the admin CA both land in the store', async () => {
    const admin = certificateOf(createCa('Example Corp Root').certPem);
    const adminPart = `#cloud-config\nca-certs:\n  trusted:\n  - |\n${admin.pem.trimEnd().replace(/^/gm, '    ')}\n`;
    const original = `Content-Type: multipart/mixed; boundary="B"\nMIME-Version: 1.0\n\n--B\nContent-Type: text/cloud-config\n\n${adminPart}\n--B\nContent-Type: text/x-shellscript\n\n#!/bin/sh\necho hi\n\n--B--\n`;
    const merged = await cli(['ca', 'userdata', '--certs-dir', serve.certsDir, '--for', 'maas', '--merge', save('maas-original.txt', original)]);
    expect(merged.code, merged.stderr).toBe(0);
    const ca = certificateOf(readFileSync(join(serve.certsDir, 'ca.crt'), 'utf8'));
    const { probes, bundle } = await onFreshMachine('cloud-init', save('maas-user-data.txt', merged.stdout), [SNAP]);
    expect(probes.find((p) => p.when === 'after')).toMatchObject({ exit: 0 });
    expect(bundle).toEqual(expect.arrayContaining([ca.fingerprint256, admin.fingerprint256]));
  });

  it('a machine already running: curl | tee the served ca.crt, update-ca-certificates, curl https works', async () => {
    const crt = await run('curl', ['-fsS', 'http://127.0.0.1/airgap-cache/ca.crt']);
    expect(crt.code).toBe(0);
    expect(crt.stdout).not.toMatch(/PRIVATE KEY/);
    const { probes } = await onFreshMachine('cert-file', save('airgap-cache-test.crt', crt.stdout), [CHARM]);
    expect(probes).toEqual([
      { when: 'before', url: CHARM, exit: 60, status: '000' },
      { when: 'after', url: CHARM, exit: 0, status: expect.stringMatching(/^(404|421)$/) },
    ]);
  });
});

describe('rotation', () => {
  it('after `ca rotate` and a restart, leaves come from the new CA: the old CA alone fails, the user-data (both) works', async () => {
    const oldCa = readFileSync(join(serve.certsDir, 'ca.crt'), 'utf8');
    const rotated = await cli(['ca', 'rotate', '--certs-dir', serve.certsDir]);
    expect(rotated.code, rotated.stderr).toBe(0);
    // Before the restart the door already hands out the next CA, so machines can take it first.
    const served = (await run('curl', ['-fsS', 'http://127.0.0.1/airgap-cache/ca.crt'])).stdout;
    expect(certificateOf(served).fingerprint256).not.toBe(certificateOf(oldCa).fingerprint256);
    await serve.stop();
    serve = await startServe({ certsDir: serve.certsDir, dataDir: serve.dataDir });

    const userData = (await run('curl', ['-fsS', 'http://127.0.0.1/airgap-cache/user-data'])).stdout;
    expect(certificatesIn(userData)).toHaveLength(2);
    expect((await schemaCheck(userData)).valid).toBe(true);
    const withBoth = await onFreshMachine('cloud-init', save('rotated-user-data', userData), [SNAP]);
    expect(withBoth.probes.find((p) => p.when === 'after')).toMatchObject({ exit: 0 });
    const oldOnly = await onFreshMachine('cert-file', save('old-ca.crt', oldCa), [SNAP]);
    expect(oldOnly.probes.find((p) => p.when === 'after')?.exit).toBe(60);

    const finished = await cli(['ca', 'rotate', '--finish', '--certs-dir', serve.certsDir]);
    expect(finished.code).toBe(0);
    const after = (await run('curl', ['-fsS', 'http://127.0.0.1/airgap-cache/user-data'])).stdout;
    expect(certificatesIn(after).map((c) => c.fingerprint256)).toEqual([certificateOf(served).fingerprint256]);
  });
});
