import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { caFiles, ensureCa, loadCa } from '../../src/tls/ca.js';
import { finishRotation, rotateCa } from '../../src/tls/ca-rotation.js';
import { LeafIssuer } from '../../src/tls/leaf-issuer.js';
import { trustedCas } from '../../src/tls/trusted-cas.js';
import { tempDir } from '../helpers/tmp.js';

// Real RSA keys, spawned CLIs and cloud-init runs: slow on a loaded two-core machine.
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

describe('rotateCa', () => {
  it('makes a new CA, keeps the old certificate trusted, and drops every leaf of the old one', () => {
    const dir = tempDir();
    const old = ensureCa(dir);
    new LeafIssuer(old, dir).contextFor('api.snapcraft.io');
    const r = rotateCa(dir);
    expect(r.previous.fingerprint256).toBe(old.fingerprint256);
    expect(r.current.fingerprint256).not.toBe(old.fingerprint256);
    expect(loadCa(dir).fingerprint256).toBe(r.current.fingerprint256);
    expect(statSync(caFiles(dir).key).mode & 0o777).toBe(0o600);
    expect(existsSync(caFiles(dir).leafDir)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['ca.crt', 'ca.key', 'previous']);
    expect(trustedCas(dir).map((c) => [c.role, c.fingerprint256])).toEqual([
      ['current', r.current.fingerprint256],
      ['previous', old.fingerprint256],
    ]);
  });

  it('keeps every CA of successive rotations until finished, newest previous first', () => {
    const dir = tempDir();
    const first = ensureCa(dir);
    const second = rotateCa(dir).current;
    const third = rotateCa(dir).current;
    expect(trustedCas(dir).map((c) => c.fingerprint256)).toEqual([third.fingerprint256, second.fingerprint256, first.fingerprint256]);
    const removed = finishRotation(dir);
    expect(removed.map((c) => c.fingerprint256).sort()).toEqual([first.fingerprint256, second.fingerprint256].sort());
    expect(trustedCas(dir).map((c) => c.fingerprint256)).toEqual([third.fingerprint256]);
    expect(finishRotation(dir)).toEqual([]);
  });

  it('refuses to rotate when there is no CA yet', () => {
    expect(() => rotateCa(join(tempDir(), 'none'))).toThrow(/no CA .* to rotate/);
  });
});
