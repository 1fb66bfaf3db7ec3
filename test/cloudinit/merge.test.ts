// The proof for `ca userdata --merge`: every format an admin may hold, merged, then handed to
// Debian's real cloud-init. Its validator passes every cloud-config part, and its own user-data
// processing and merger (what a booting machine runs) trust the appliance CA and every CA of the
// admin's, with the rest of their configuration unchanged.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import { checkInput } from '../../src/cloudinit/input-guard.js';
import { mergeUserData } from '../../src/cloudinit/merge.js';
import { fingerprints, indented, testCas } from './support/cas.js';
import { boot, trustedList, validateEveryCloudConfigPart } from './support/cloud-init.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

const { ours, next, admin, admin2 } = testCas();
const b64 = (s: string) => Buffer.from(s).toString('base64').replace(/.{76}/g, '$&\n');

function mime(parts: string[], eol = '\n', boundary = '===============1234567890=='): string {
  const body = parts.map((p) => `--${boundary}${eol}${p.replace(/\n/g, eol)}${eol}`).join('');
  return `Content-Type: multipart/mixed; boundary="${boundary}"${eol}MIME-Version: 1.0${eol}${eol}${body}--${boundary}--${eol}`;
}
const adminCloudConfigPart = `Content-Type: text/cloud-config; charset="us-ascii"\nMIME-Version: 1.0\nContent-Transfer-Encoding: 7bit\nContent-Disposition: attachment; filename="corp.yaml"\n\n#cloud-config\nca-certs:\n  remove-defaults: false\n  trusted:\n  - |\n${indented(admin.pem, 4)}\npackages: [jq]\n`;
const scriptPart = `Content-Type: text/x-shellscript; charset="us-ascii"\nMIME-Version: 1.0\nContent-Transfer-Encoding: base64\nContent-Disposition: attachment; filename="hello.sh"\n\n${b64('#!/bin/sh\necho hello > /tmp/hello\n')}`;

let included: string | undefined;
function includeFile(): string {
  if (included) return included;
  // Not a per-test temp dir: concurrent tests read it while others finish.
  const file = `${mkdtempSync(join(tmpdir(), 'agc-include-'))}/included.yaml`;
  included = file;
  writeFileSync(file, `#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin2.pem, 4)}\n`);
  return file;
}

const fixtures: Record<string, () => string | Buffer> = {
  'plain, ca_certs list': () => `#cloud-config\n# corporate base image\npackages: [curl]\nca_certs:\n  remove_defaults: false\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`,
  'plain, ca-certs with a string trusted': () => `#cloud-config\nhostname: web1\nca-certs:\n  trusted: |\n${indented(admin.pem, 4)}\n`,
  'plain, no CA yet, YAML 1.1 values': () =>
    `#cloud-config\nwrite_files:\n- path: /etc/motd\n  permissions: '0644'\n  content: hi\nssh_pwauth: no\npackage_upgrade: on\nruncmd:\n- [sh, -c, 'echo 1:20']\n`,
  // Edited through the YAML document: `no` must stay false and 0644 must stay octal (420).
  'plain, ca-certs block and YAML 1.1 values': () =>
    `#cloud-config\nssh_pwauth: no\nswap:\n  filename: /swap.img\n  size: 0644\nca-certs:\n  # ours\n  trusted: [ "${admin.pem.trimEnd().replace(/\n/g, '\\n')}" ]\nruncmd:\n- [sh, -c, 'echo 1:20']\n`,
  'plain, both spellings': () => `#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\nca-certs:\n  trusted:\n  - |\n${indented(admin2.pem, 4)}\n`,
  'plain, already holding the next CA': () => `#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(next.pem, 4)}\n`,
  'MIME: ca-certs part and a base64 script': () => mime([adminCloudConfigPart, scriptPart]),
  'MIME with CRLF line endings': () => mime([adminCloudConfigPart, scriptPart], '\r\n'),
  'MIME, single non-multipart message': () => `Content-Type: text/cloud-config\nMIME-Version: 1.0\n\n#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`,
  'jinja template': () => `## template: jinja\n#cloud-config\nhostname: {{ v1.local_hostname }}-web\nca-certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\n`,
  'shell script': () => '#!/bin/bash\nset -e\necho "$(hostname)" > /etc/who\n',
  boothook: () => '#cloud-boothook\n#!/bin/sh\necho boot >> /var/log/boot-hook\n',
  '#include of a local file': () => `#include\nfile://${includeFile()}\n`,
  'gzip of a plain cloud-config': () => gzipSync(`#cloud-config\nca_certs:\n  trusted:\n  - |\n${indented(admin.pem, 4)}\nhostname: gz\n`),
  'gzip of a MIME multipart': () => gzipSync(mime([adminCloudConfigPart, scriptPart])),
  '#cloud-config-archive': () =>
    `#cloud-config-archive\n- type: text/cloud-config\n  filename: corp.cfg\n  content: |\n    #cloud-config\n    ca_certs:\n      trusted:\n      - |\n${indented(admin.pem, 8)}\n- content: "#!/bin/sh\\necho from-archive\\n"\n  filename: a.sh\n- |\n  #cloud-config\n  hostname: archived\n`,
  'empty file': () => '',
};

const withoutCa = (config: Record<string, unknown>) => Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'ca_certs' && k !== 'ca-certs'));

describe.concurrent('merging into every user-data format, proven by cloud-init 22.4.2', () => {
  for (const [name, make] of Object.entries(fixtures)) {
    it(name, async () => {
      const original = make();
      const raw = Buffer.isBuffer(original) ? original : Buffer.from(original);
      const merged = mergeUserData(checkInput(raw), [ours, next], 'user-data.txt').output;

      const results = await validateEveryCloudConfigPart(merged);
      for (const r of results) expect(r, `${r.file}: ${r.stdout}${r.stderr}`).toMatchObject({ valid: true });

      const [before, after] = await Promise.all([boot(raw), boot(merged)]);
      const trustedBefore = fingerprints(trustedList(before));
      const trustedAfter = fingerprints(trustedList(after));
      expect(trustedAfter).toEqual(expect.arrayContaining([ours.fingerprint256, next.fingerprint256]));
      expect(trustedAfter).toEqual(expect.arrayContaining(trustedBefore));
      if (name === 'plain, both spellings') expect(trustedAfter).toContain(admin2.fingerprint256);
      expect(new Set(trustedAfter).size).toBe(trustedAfter.length);
      expect(withoutCa(after.config)).toEqual(withoutCa(before.config));
      expect(isDeepStrictEqual(withoutCa(after.config), withoutCa(before.config))).toBe(true);
    }, 60_000);
  }
});

describe('bytes of the admin stay where they were', () => {
  it('MIME: the output is the input with one part spliced in before the closing boundary', () => {
    for (const eol of ['\n', '\r\n']) {
      const input = Buffer.from(mime([adminCloudConfigPart, scriptPart], eol));
      const out = mergeUserData(checkInput(input), [ours], 'u').output;
      const close = input.lastIndexOf(`--===============1234567890==--`);
      expect(out.subarray(0, close).equals(input.subarray(0, close))).toBe(true);
      expect(out.subarray(out.length - (input.length - close)).equals(input.subarray(close))).toBe(true);
      expect(out.length).toBeGreaterThan(input.length);
    }
  });

  it('plain without a CA block: the output starts with every byte of the input', () => {
    const input = fixtures['plain, no CA yet, YAML 1.1 values']!() as string;
    const out = mergeUserData(checkInput(Buffer.from(input)), [ours], 'u').output.toString();
    expect(out.startsWith(input)).toBe(true);
  });

  it('wrapped formats: cloud-init decodes the original part byte for byte', async () => {
    for (const name of ['shell script', 'boothook', 'jinja template']) {
      const input = Buffer.from(fixtures[name]!() as string);
      const out = mergeUserData(checkInput(input), [ours], 'u').output;
      const booted = await boot(out);
      expect(readFileSync(booted.dumped[0]!.file).equals(input), name).toBe(true);
    }
  }, 60_000);

  it('merging twice changes nothing the second time', () => {
    for (const [name, make] of Object.entries(fixtures)) {
      const once = mergeUserData(checkInput(Buffer.from(make())), [ours], 'u').output;
      const twice = mergeUserData(checkInput(once), [ours], 'u');
      expect(twice.output.equals(once), name).toBe(true);
      expect(twice.added, name).toEqual([]);
    }
  });
});

describe('input that is not user-data is refused with the reason', () => {
  const merge = (text: string) => () => mergeUserData(checkInput(Buffer.from(text)), [ours], 'u.yaml');
  it.each([
    ['hostname: web1\n', /u\.yaml looks like cloud-config YAML but its first line is not #cloud-config/],
    ['I2Nsb3VkLWNvbmZpZwpob3N0bmFtZTogeAo=\n', /looks base64-encoded .* base64 -d/],
    ['\ufeff#cloud-config\na: 1\n', /byte-order mark/],
    ['just some words\n', /is not user-data cloud-init recognises/],
    ['#cloud-config\na: [unclosed\n', /u\.yaml is not valid YAML: /],
    ['#cloud-config\nca_certs:\n  trusted: 12\n', /`ca_certs.trusted` is a number/],
    ['#cloud-config-archive\n{a: 1}\n', /must be a YAML list/],
  ])('%j', (text, message) => {
    expect(merge(text)).toThrow(message);
  });

  it('gzip of something cloud-init would not recognise either', () => {
    expect(() => mergeUserData(checkInput(gzipSync('hostname: web1\n')), [ours], 'u.gz')).toThrow(/^u\.gz \(after gunzip\) looks like cloud-config YAML/);
  });
});
