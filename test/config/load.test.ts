import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath, loadConfig, parseConfig } from '../../src/config/load.js';
import { tempDir } from '../helpers/tmp.js';

describe('loadConfig', () => {
  it('loads the packaged default file, frozen', () => {
    const c = loadConfig(undefined);
    expect(defaultConfigPath.endsWith('config/default.yaml')).toBe(true);
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.hostGroups[0]!.hosts)).toBe(true);
  });

  it('command-line overrides win, nested mappings merge, undefined means not given', () => {
    const c = parseConfig('mode: online\nadmin:\n  listen: 127.0.0.1:1\nports:\n  http: 8080\n', 'f.yaml', { mode: undefined, dataDir: '/d', ports: { https: 8443 } });
    expect([c.mode, c.dataDir, c.ports.http, c.ports.https, c.admin.listen]).toEqual(['online', '/d', 8080, 8443, '127.0.0.1:1']);
  });

  it('reports every bad key with its path and the value it got', () => {
    const text = 'mode: sometimes\nports:\n  http: 99999\nbogus: 1\n';
    let msg = '';
    try {
      parseConfig(text, 'site.yaml');
    } catch (e) {
      msg = (e as Error).message;
      expect(e).toMatchObject({ code: 'AGC_ERR_CONFIG' });
    }
    expect(msg).toContain('site.yaml');
    expect(msg).toMatch(/mode: .*\(got "sometimes"\)/);
    expect(msg).toMatch(/ports\.http: .*\(got 99999\)/);
    expect(msg).toMatch(/unknown key bogus/);
  });

  it('gives a clear error for unreadable files, broken YAML and a non-mapping', () => {
    expect(() => loadConfig('/nonexistent/airgap.yaml')).toThrow(/cannot read config file \/nonexistent\/airgap.yaml/);
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.yaml'), 'mode: [unclosed\n');
    expect(() => loadConfig(join(dir, 'bad.yaml'))).toThrow(/not valid YAML/);
    expect(() => parseConfig('- a\n- b\n', 'list.yaml')).toThrow(/expected a mapping/);
  });
  it('never echoes a token it refuses', () => {
    let msg = '';
    try {
      parseConfig('admin:\n  listen: 0.0.0.0:9180\n  token: hunter2-secret\n', 'site.yaml');
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/admin\.token: expected at least 16 characters/);
    expect(msg).not.toContain('hunter2');
  });

  it('refuses a config file holding admin.token that every user can read; group-readable or no token is fine', () => {
    const file = join(tempDir(), 'site.yaml');
    writeFileSync(file, `admin:\n  token: ${'s'.repeat(24)}\n`);
    chmodSync(file, 0o644);
    expect(() => loadConfig(file)).toThrow(`${file} holds admin.token and is readable by every user (mode 644); run chmod o-r ${file}`);
    chmodSync(file, 0o640);
    expect(loadConfig(file).admin.token).toBe('s'.repeat(24));
    writeFileSync(file, 'mode: online\n');
    chmodSync(file, 0o644);
    expect(loadConfig(file).mode).toBe('online');
  });
});
