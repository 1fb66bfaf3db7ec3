// `airgap-cache ca userdata`, run as the real CLI: stdout is exactly the file to use; bad input
// gives one line on stderr, a non-zero exit, and nothing on stdout a user could paste by mistake.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { userDataCommand } from '../../src/cli/ca-userdata.js';
import { caExists, ensureCa } from '../../src/tls/ca.js';
import { certificateOf } from '../../src/tls/pem.js';
import { fingerprints, indented, testCas } from '../cloudinit/support/cas.js';
import { boot, schemaCheck, trustedList } from '../cloudinit/support/cloud-init.js';
import { tempDir } from '../helpers/tmp.js';
import { runCli } from './run-cli.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { admin } = testCas();

function certsWithCa(): { dir: string; fingerprint: string } {
  const dir = tempDir('agc-certs-');
  return { dir, fingerprint: ensureCa(dir).fingerprint256 };
}

describe('ca userdata', () => {
  it('prints a minimal cloud-config that cloud-init validates and that trusts the CA; hints go to stderr', async () => {
    const { dir, fingerprint } = certsWithCa();
    const r = await runCli(['ca', 'userdata', '--certs-dir', dir]);
    expect(r.code).toBe(0);
    const text = r.stdout.toString();
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    expect((await schemaCheck(text)).valid).toBe(true);
    expect(fingerprints(trustedList(await boot(text)))).toEqual([fingerprint]);
    expect(text).not.toMatch(/remove_defaults|snap set|curl/);
    expect(r.stderr).toMatch(/snap set system store-certs\.airgap-cache-[0-9a-f]{8}=/);
  });

  it('creates the CA on first use and says so', async () => {
    const dir = join(tempDir(), 'certs');
    const r = await runCli(['ca', 'userdata', '--certs-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`created a new CA in ${dir}`);
  });

  it('--for maas: the same user-data, the deploy line on stderr, a warning for the admin own write_files', async () => {
    const { dir } = certsWithCa();
    const file = join(tempDir(), 'u.yaml');
    writeFileSync(file, '#cloud-config\nwrite_files:\n- path: /etc/x\n  content: hi\n');
    const r = await runCli(['ca', 'userdata', '--certs-dir', dir, '--for', 'maas', '--merge', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('maas $PROFILE machine deploy $SYSTEM_ID user_data=$(base64 -w0 user-data.yaml)');
    expect(r.stderr).toMatch(/warning: your user-data sets write_files/);
    expect(Object.keys(parse(r.stdout.toString()))).toEqual(['write_files', 'ca_certs']);
  });

  it('--for juju: model config YAML with cloudinit-userdata: | and the juju lines', async () => {
    const { dir } = certsWithCa();
    const r = await runCli(['ca', 'userdata', '--certs-dir', dir, '--for', 'juju']);
    expect(r.code).toBe(0);
    expect(r.stdout.toString()).toContain('cloudinit-userdata: |\n  ca_certs:\n');
    expect(r.stdout.toString()).toContain('#   juju model-config airgap-cache-juju.yaml');
    expect(r.stderr).toContain('juju add-model MODEL --config airgap-cache-juju.yaml');
  });

  it('--merge - reads stdin and keeps the admin CA', async () => {
    const { dir, fingerprint } = certsWithCa();
    const r = await runCli(['ca', 'userdata', '--certs-dir', dir, '--merge', '-'], `#cloud-config\nca-certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`);
    expect(r.code).toBe(0);
    expect(fingerprints(trustedList(await boot(r.stdout)))).toEqual([admin.fingerprint256, fingerprint]);
  });

  it('lists both CAs after a rotation, until it is finished', async () => {
    const { dir, fingerprint } = certsWithCa();
    expect((await runCli(['ca', 'rotate', '--certs-dir', dir])).code).toBe(0);
    const during = await runCli(['ca', 'userdata', '--certs-dir', dir]);
    const trusted = fingerprints(trustedList(await boot(during.stdout)));
    expect(trusted).toHaveLength(2);
    expect(trusted[1]).toBe(fingerprint);
    expect(during.stderr).toMatch(/trusting 2 CAs/);
    expect((await runCli(['ca', 'rotate', '--certs-dir', dir, '--finish'])).code).toBe(0);
    const after = await runCli(['ca', 'userdata', '--certs-dir', dir]);
    expect(fingerprints(trustedList(await boot(after.stdout)))).toEqual([trusted[0]]);
  });

  describe('bad input: one line, non-zero exit, empty stdout', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['not YAML', '#cloud-config\npackages: [curl\n', /is not valid YAML: .*line/],
      ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]), /is binary/],
      ['10 MB', Buffer.alloc(10 * 1024 * 1024, '#'), /is larger than 1\.0 MiB/],
      ['trusted is a number', '#cloud-config\nca_certs:\n  trusted: 3\n', /`ca_certs\.trusted` is a number, expected a list of PEM certificates/],
      ['not user-data at all', 'hello world\n', /is not user-data cloud-init recognises/],
    ];
    for (const [name, content, message] of cases) {
      it(name, async () => {
        const { dir } = certsWithCa();
        const file = join(tempDir(), 'input');
        writeFileSync(file, content);
        for (const target of ['plain', 'maas', 'juju']) {
          const r = await runCli(['ca', 'userdata', '--certs-dir', dir, '--for', target, '--merge', file]);
          expect(r.code, target).not.toBe(0);
          expect(r.stdout.length, target).toBe(0);
          const lines = r.stderr.trimEnd().split('\n');
          expect(lines, target).toHaveLength(1);
          expect(lines[0]).toMatch(/^airgap-cache: /);
          if (target !== 'juju' || name !== 'not user-data at all') expect(lines[0]).toMatch(message);
        }
      });
    }

    it('a binary or oversized file is refused before a CA is made for it', async () => {
      const dir = join(tempDir(), 'fresh');
      const r = await runCli(['ca', 'userdata', '--certs-dir', dir, '--merge', '-'], Buffer.from([0, 1, 2, 0xff]));
      expect(r.code).toBe(1);
      expect(caExists(dir)).toBe(false);
    });

    it('a missing file and an unknown --for', async () => {
      const { dir } = certsWithCa();
      const missing = await runCli(['ca', 'userdata', '--certs-dir', dir, '--merge', '/nonexistent/u.yaml']);
      expect([missing.code, missing.stdout.length, missing.stderr.trim()]).toEqual([1, 0, 'airgap-cache: cannot read /nonexistent/u.yaml: no such file']);
      const target = await runCli(['ca', 'userdata', '--certs-dir', dir, '--for', 'openstack']);
      expect(target.code).not.toBe(0);
      expect(target.stdout.length).toBe(0);
      expect(target.stderr).toMatch(/argument 'openstack' is invalid\. Allowed choices are plain, maas, juju/);
    });
  });
});

describe('userDataCommand', () => {
  it('returns stdout and stderr apart, the output never containing a hint', async () => {
    const { dir } = certsWithCa();
    const r = await userDataCommand(dir, 'plain', undefined);
    expect(certificateOf(r.stdout.toString()).isCa).toBe(true);
    expect(r.stdout.toString()).not.toContain('APPLIANCE');
    expect(r.stderr.join('\n')).toContain('http://APPLIANCE/airgap-cache/ca.crt');
  });
});
