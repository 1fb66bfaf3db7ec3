// config/airgap-cache.service, read as systemd reads it: an unprivileged user with exactly the one
// capability it needs, its state under StateDirectory, and the hardening systemd-analyze scores.
// (systemd-analyze verify runs against the installed bin in npm-install.test.ts.)
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';

const run = promisify(execFile);
const path = new URL('../../config/airgap-cache.service', import.meta.url).pathname;
const text = readFileSync(path, 'utf8');

/** section -> key -> values (a key may repeat), comments and blank lines dropped. */
function parseUnit(unit: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const line of unit.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const s = /^\[(.+)\]$/.exec(line);
    if (s) {
      current = new Map();
      sections.set(s[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`not a unit line: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

const unit = parseUnit(text);
const service = unit.get('Service')!;
const one = (key: string): string | undefined => service.get(key)?.at(-1);

describe('systemd unit', () => {
  it('runs serve as an unprivileged user with only CAP_NET_BIND_SERVICE', () => {
    expect(one('User')).toBe('airgap-cache');
    expect(one('AmbientCapabilities')).toBe('CAP_NET_BIND_SERVICE');
    expect(one('CapabilityBoundingSet')).toBe('CAP_NET_BIND_SERVICE');
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('ExecStart')).toMatch(/^airgap-cache serve --data-dir %S\/airgap-cache\/data --certs-dir %S\/airgap-cache\/certs \$AIRGAP_CACHE_OPTS$/);
    expect(one('StateDirectory')).toBe('airgap-cache');
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('is hardened: read-only system, private tmp and devices, filtered system calls', () => {
    for (const [k, v] of Object.entries({ ProtectSystem: 'strict', ProtectHome: 'yes', PrivateTmp: 'yes', PrivateDevices: 'yes', RestrictSUIDSGID: 'yes', SystemCallFilter: '@system-service', RestrictNamespaces: 'yes' })) {
      expect(one(k), k).toBe(v);
    }
    expect(service.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('verifies, and scores at most 2.5 (OK) in systemd-analyze security', async () => {
    const dir = tempDir('agc-unit-');
    const copy = join(dir, 'airgap-cache.service');
    writeFileSync(copy, text.replace('ExecStart=airgap-cache', 'ExecStart=/usr/bin/true'));
    const verified = await run('systemd-analyze', ['verify', copy]);
    expect(verified.stdout + verified.stderr).toBe('');
    const { stdout } = await run('systemd-analyze', ['security', '--offline=yes', '--no-pager', copy]);
    const level = Number(/Overall exposure level for airgap-cache\.service: ([\d.]+)/.exec(stdout)?.[1]);
    expect(level).toBeLessThanOrEqual(2.5);
  });

  it('the install commands in its header name the files the package ships', () => {
    expect(text).toContain('sudo npm install -g ./airgap-cache-VERSION.tgz');
    expect(text).toContain('sudo systemctl enable --now "$(npm root -g)/airgap-cache/config/airgap-cache.service"');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: string[] };
    expect(pkg.files).toContain('config');
  });
});
