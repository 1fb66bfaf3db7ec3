import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { checkInput } from '../../src/cloudinit/input-guard.js';
import { jujuModelConfig, mergeJuju } from '../../src/cloudinit/juju.js';
import { fingerprints, indented, testCas } from './support/cas.js';
import { boot, schemaCheck, trustedList } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { ours, admin } = testCas();
const value = (text: string) => (parse(text) as Record<string, string>)['cloudinit-userdata']!;

/** Juju hands the value to cloud-init as cloud-config: check it as such. */
async function expectValidForCloudInit(body: string): Promise<void> {
  const check = await schemaCheck(`#cloud-config\n${body}`);
  expect(check.valid, check.stdout + check.stderr).toBe(true);
}

describe('jujuModelConfig', () => {
  it('is model config YAML whose cloudinit-userdata holds only ca_certs, with the juju command lines', async () => {
    const text = jujuModelConfig([ours]);
    expect(Object.keys(parse(text))).toEqual(['cloudinit-userdata']);
    expect(text).toMatch(/^# .*\n# {3}juju model-config airgap-cache-juju\.yaml\n# {3}juju add-model MODEL --config airgap-cache-juju\.yaml/);
    expect(text).toContain('cloudinit-userdata: |\n  ca_certs:\n');
    expect(Object.keys(parse(value(text)))).toEqual(['ca_certs']);
    await expectValidForCloudInit(value(text));
    expect(fingerprints(trustedList(await boot(`#cloud-config\n${value(text)}`)))).toEqual([ours.fingerprint256]);
  });
});

describe('mergeJuju', () => {
  it('merges into the Enterprise Store example config (ca-certs in cloudinit-userdata), keeping its other keys', async () => {
    const seed = `cloudinit-userdata: |\n  ca-certs:\n    trusted: \n    - |\n${indented(admin.pem, 6)}\ncharmhub-url: https://local-charmhub.internal\nsnap-store-proxy-url: https://local-charmhub.internal\n`;
    const r = mergeJuju(checkInput(Buffer.from(seed)), [ours], 'juju-config.yaml');
    const out = parse(r.output.toString());
    expect(out['charmhub-url']).toBe('https://local-charmhub.internal');
    expect(out['snap-store-proxy-url']).toBe('https://local-charmhub.internal');
    await expectValidForCloudInit(value(r.output.toString()));
    expect(fingerprints(trustedList(await boot(`#cloud-config\n${value(r.output.toString())}`)))).toEqual([admin.fingerprint256, ours.fingerprint256]);
  });

  it('takes a #cloud-config or a bare cloud-config body and wraps it as model config', () => {
    for (const input of ['#cloud-config\npackages: [jq]\n', 'packages: [jq]\n']) {
      const r = mergeJuju(checkInput(Buffer.from(input)), [ours], 'u');
      expect(parse(value(r.output.toString()))).toEqual({ packages: ['jq'], ca_certs: { trusted: [ours.pem] } });
    }
  });

  it('refuses what Juju cannot take as cloudinit-userdata', () => {
    expect(() => mergeJuju(checkInput(Buffer.from('#!/bin/sh\necho\n')), [ours], 'u')).toThrow(/takes one cloud-config mapping/);
    expect(() => mergeJuju(checkInput(Buffer.from('Content-Type: multipart/mixed; boundary=b\nMIME-Version: 1.0\n\n--b--\n')), [ours], 'u')).toThrow(/no MIME/);
    expect(() => mergeJuju(checkInput(Buffer.from('cloudinit-userdata: 5\n')), [ours], 'u')).toThrow(/must be a string holding cloud-config/);
  });
});
